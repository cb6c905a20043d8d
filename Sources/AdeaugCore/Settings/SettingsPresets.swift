import Foundation

/// Settings that start from a named preset: in a config section, `preset: NAME` picks the
/// starting values and every other key overrides one of them.
public protocol SettingsWithPresets: Codable {
    associatedtype Preset: SettingsChoice
    static func settings(for preset: Preset) -> Self
}

/// The `preset:` key of a config section, if the section's settings have presets.
func presetStart<Settings: SettingsWithPresets>(_ shape: Settings, named name: Any, path: String) throws -> (base: Any, shape: Settings) {
    guard let text = name as? String, let preset = Settings.Preset(rawValue: text) else {
        throw SettingsError(path: path, message: "\(path).preset is \(Settings.Preset.choices.joined(separator: ", ").replacingLastComma()), not \(name)")
    }
    let settings = Settings.settings(for: preset)
    return (try JSONSerialization.jsonObject(with: JSONEncoder().encode(settings)), settings)
}
