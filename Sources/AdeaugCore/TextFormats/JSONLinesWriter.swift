import Foundation

/// Writes JSON Lines: one compact JSON value per line with sorted keys, each ended by `\n`.
/// The encoder escapes `\n` and `\r` inside strings, so each value is one record for
/// `JSONLinesReader`; U+2028, U+2029 and U+0085 may stay raw, as they do not end a line.
public enum JSONLinesWriter {
    /// One value as a line, without its `\n`.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        try JSONText.encode(value)
    }

    /// All values, each on its own line ended by `\n`.
    public static func render<S: Sequence>(_ values: S) throws -> String where S.Element: Encodable {
        var output = ""
        for value in values {
            output += try line(value)
            output += "\n"
        }
        return output
    }
}
