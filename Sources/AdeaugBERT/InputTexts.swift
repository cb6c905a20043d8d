import Foundation

/// Sentences to predict or tokenize: plain text lines, or JSONL objects with a `text` field
/// (a line that starts with `{` and parses as such). Blank lines are skipped.
public enum InputTexts {
    public static func parse(_ content: String) -> [String] {
        content.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            if trimmed.hasPrefix("{"),
                let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any],
                let text = object["text"] as? String
            {
                return text
            }
            return String(line)
        }
    }

    /// Reads `path`, or standard input when it is nil or `-`.
    public static func read(path: String?) throws -> [String] {
        let data: Data
        if let path, path != "-" {
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw BertModelError.missingFile(path: path)
            }
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// One JSON object per line, keys sorted.
    public static func jsonLine(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}
