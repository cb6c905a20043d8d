/// A closed set of values a setting takes (an enum with String raw values): the config decoder
/// names the valid ones when a file gives another.
public protocol SettingsChoice: CaseIterable, RawRepresentable, Codable, Sendable where RawValue == String {}

extension SettingsChoice {
    public static var choices: [String] { allCases.map(\.rawValue) }
}

func choices<Choice: SettingsChoice>(of value: Choice) -> [String] { Choice.choices }
