/// A setting whose value cannot be used, named by its property in the library's settings type,
/// so each front end can say it in its own words: `--max-requests must be at least 1` to a
/// command-line user, `generation.max_requests must be at least 1` to a config user.
public struct InvalidSetting: Error, Equatable, CustomStringConvertible {
    /// The property's Swift name, e.g. `maxRequests`.
    public var key: String
    /// What is wrong, e.g. `must be at least 1`.
    public var problem: String
    /// The flag a command line uses for it, when it is not `--` + the key in kebab case.
    public var flag: String?

    public init(_ key: String, _ problem: String, flag: String? = nil) {
        self.key = key
        self.problem = problem
        self.flag = flag
    }

    /// The command-line wording.
    public var description: String { "\(flag ?? "--" + SettingsKey.kebabCase(key)) \(problem)." }

    /// The config-file wording, with the section path the setting sits under.
    public func configDescription(section: String) -> String {
        let path = section.isEmpty ? SettingsKey.snakeCase(key) : "\(section).\(SettingsKey.snakeCase(key))"
        return "\(path) \(problem)."
    }
}

/// How a settings property is spelt in adeaug.yaml (snake case) and on the command line (kebab
/// case): derived from the one Swift name, so the two can never drift apart.
public enum SettingsKey {
    public static func snakeCase(_ name: String) -> String { separated(name, by: "_") }
    public static func kebabCase(_ name: String) -> String { separated(name, by: "-") }

    /// `maxRequests` → `max_requests`, `kmsKeyID` → `kms_key_id`, `topP` → `top_p`.
    static func separated(_ name: String, by separator: Character) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase && index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    result.append(separator)
                }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}
