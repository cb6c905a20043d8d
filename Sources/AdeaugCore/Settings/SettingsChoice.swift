/// A closed set of values a setting takes (an enum with String raw values): the config decoder
/// names the valid ones when a file gives another.
public protocol SettingsChoice: CaseIterable, RawRepresentable, Codable, Sendable where RawValue == String {}

extension SettingsChoice {
    public static var choices: [String] { allCases.map(\.rawValue) }
}

func choices<Choice: SettingsChoice>(of value: Choice) -> [String] { Choice.choices }

/// An optional setting or a list whose values come from a closed set: their valid values are
/// known from the type alone, even when the default is nil or empty.
protocol ChoiceContainer {
    static var containedChoices: [String] { get }
}

extension Optional: ChoiceContainer where Wrapped: SettingsChoice {
    static var containedChoices: [String] { Wrapped.choices }
}

extension Array: ChoiceContainer where Element: SettingsChoice {
    static var containedChoices: [String] { Element.choices }
}
