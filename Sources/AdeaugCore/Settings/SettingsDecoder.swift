import Foundation

/// Reads a settings value from a parsed config tree (YAML or JSON objects as `[String: Any]`):
/// every key is optional and keeps its default, a key that is not a setting is refused by name
/// with the nearest valid one. One helper for every section, so no section decodes by hand.
///
/// How: the default value is encoded, the config's keys (snake case) are mapped onto its
/// property names (found by reflection, so settings whose default is nil count too), laid over
/// the encoded defaults, and the result is decoded with the type's own `Decodable`.
public enum SettingsDecoder {
    public static func decode<T: Codable>(_ type: T.Type, from tree: Any?, defaults: T, section: String) throws -> T {
        guard let tree, !(tree is NSNull) else { return defaults }
        let base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults), options: [.fragmentsAllowed])
        let merged = try overlay(tree, on: base, shape: defaults, path: section)
        do {
            let data = try JSONSerialization.data(withJSONObject: merged, options: [.fragmentsAllowed])
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw SettingsError(path: section, message: describe(error, section: section))
        }
    }

    /// Lays `tree` over `base`; `shape` is the default value whose properties say which keys exist.
    static func overlay(_ tree: Any, on base: Any, shape: Any, path: String, flatten: Bool = true) throws -> Any {
        let isSection = Mirror(reflecting: shape).displayStyle == .struct
        if let choice = shape as? any SettingsChoice {
            let valid = choices(of: choice)
            guard let text = tree as? String, valid.contains(text) else {
                throw SettingsError(path: path, message: "\(path) is \(valid.joined(separator: ", ").replacingLastComma()), not \(tree)")
            }
            return tree
        }
        // Values that are not settings sections (numbers, strings, lists) are taken whole.
        guard isSection else { return tree }
        guard var object = tree as? [String: Any] else {
            throw SettingsError(path: path, message: "\(path.isEmpty ? "the config" : path) must be a mapping of settings, not \(tree)")
        }
        var result = (base as? [String: Any]) ?? [:]
        var shape = shape
        if let presets = shape as? any SettingsWithPresets, let name = object.removeValue(forKey: "preset") {
            let start = try presetStart(presets, named: name, path: path)
            result = (start.base as? [String: Any]) ?? [:]
            shape = start.shape
        }
        let properties = Mirror(reflecting: shape).children.compactMap { child in child.label.map { ($0, child.value) } }
        if flatten, let flattened = shape as? any FlattenedSettings {
            // The inner value's keys go to it, the section's own keys stay at this level.
            let inner = type(of: flattened).flattenedProperty
            guard let innerShape = properties.first(where: { $0.0 == inner })?.1 else { return tree }
            let innerKeys = Set(Mirror(reflecting: innerShape).children.compactMap { $0.label.map(SettingsKey.snakeCase) })
            let outerKeys = Set(properties.map { SettingsKey.snakeCase($0.0) }).subtracting([SettingsKey.snakeCase(inner)])
            var innerTree: [String: Any] = [:]
            var outerTree: [String: Any] = [:]
            for key in object.keys.sorted() {
                if outerKeys.contains(key) {
                    outerTree[key] = object[key]
                } else if innerKeys.contains(key) {
                    innerTree[key] = object[key]
                } else {
                    throw unknownKey(key, path: path, known: outerKeys.union(innerKeys))
                }
            }
            var merged = (try overlay(outerTree, on: result, shape: shape, path: path, flatten: false) as? [String: Any]) ?? [:]
            merged[inner] = try overlay(innerTree, on: result[inner] ?? [:], shape: innerShape, path: path)
            return merged
        }
        let byConfigName = Dictionary(properties.map { (SettingsKey.snakeCase($0.0), $0) }, uniquingKeysWith: { first, _ in first })
        for key in object.keys.sorted() {
            let value = object[key]!
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard let (property, defaultValue) = byConfigName[key] else {
                throw unknownKey(key, path: path, known: Set(byConfigName.keys).union(shape is any SettingsWithPresets ? ["preset"] : []))
            }
            if let container = type(of: defaultValue) as? any ChoiceContainer.Type {
                try checkChoices(value, valid: container.containedChoices, path: keyPath)
            }
            if value is NSNull {
                // null clears an optional setting; an empty section keeps its defaults.
                if Mirror(reflecting: defaultValue).displayStyle == .optional { result[property] = NSNull() }
            } else if let unwrapped = unwrapOptional(defaultValue) {
                result[property] = try overlay(value, on: result[property] ?? [:], shape: unwrapped, path: keyPath)
            } else {
                result[property] = value
            }
        }
        return result
    }

    /// A value (or each value of a list) that must be one of `valid`.
    static func checkChoices(_ value: Any, valid: [String], path: String) throws {
        let values = (value as? [Any]) ?? [value]
        for (index, item) in values.enumerated() where !(item is NSNull) {
            guard let text = item as? String, valid.contains(text) else {
                let place = value is [Any] ? "\(path)[\(index)]" : path
                throw SettingsError(path: place, message: "\(place) is \(valid.joined(separator: ", ").replacingLastComma()), not \(item)")
            }
        }
    }

    static func unknownKey(_ key: String, path: String, known: Set<String>) -> SettingsError {
        let keyPath = path.isEmpty ? key : "\(path).\(key)"
        let sorted = known.sorted()
        let hint = nearest(to: key, in: sorted).map { " (did you mean \"\($0)\"?)" } ?? ""
        let place = path.isEmpty ? "at the top level" : "in \(path)"
        return SettingsError(path: keyPath, message: "unknown key \"\(key)\" \(place)\(hint); the keys there: \(sorted.joined(separator: ", "))")
    }

    /// The wrapped value of an optional default, nil for a nil default or a plain scalar.
    static func unwrapOptional(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    /// The valid key closest to a misspelt one, if any is close (at most a third of it edited).
    static func nearest(to key: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(Array(key), Array($0))) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, key.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// A decoding error in the config's words: the key path in snake case and what was expected.
    static func describe(_ error: DecodingError, section: String) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let keys = codingPath.map { $0.intValue.map { "[\($0)]" } ?? SettingsKey.snakeCase($0.stringValue) }
            return ([section].filter { !$0.isEmpty } + keys).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) must be \(expected(type)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(expected(type))"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: "true or false"
        case is Int.Type, is UInt64.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        case is String.Type: "text"
        default: "a \(type)"
        }
    }
}

extension String {
    /// `a, b, c` → `a, b or c`.
    func replacingLastComma() -> String {
        guard let range = range(of: ", ", options: .backwards) else { return self }
        return replacingCharacters(in: range, with: " or ")
    }
}

/// A config value that cannot be used, named by its key path in the file.
public struct SettingsError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { message }
}
