import Foundation

/// Plain text with one record (a sentence) per line, under the same line rule as JSON Lines:
/// `\n` or `\r\n` ends a line, nothing else does; blank lines are skipped.
public struct PlainLinesReader: Sendable {
    /// Longest line accepted, when set.
    public var maximumLineBytes: Int?

    public init(maximumLineBytes: Int? = nil) {
        self.maximumLineBytes = maximumLineBytes
    }

    public func lines(atPath path: String) throws -> [TextLine] {
        try lines(in: try TextInput.contents(of: path), file: path)
    }

    /// The non-blank lines of `data`, numbered as in the file; `file` names the input in errors.
    public func lines(in data: Data, file: String) throws -> [TextLine] {
        try TextLines.lines(of: data, file: file, maximumLineBytes: maximumLineBytes).filter { !$0.isBlank }
    }
}

public enum PlainLinesWriter {
    /// Each value on its own line ended by `\n`. A value holding `\n`, or ending in `\r`,
    /// would not come back as one line, so it is refused rather than split.
    public static func render<S: Sequence<String>>(_ values: S) throws(TextFormatError) -> String {
        var output = ""
        for (index, value) in values.enumerated() {
            if value.utf8.contains(0x0A) {
                throw .unwritableLine(index: index, reason: "holds a line feed, so it would be read back as several lines")
            }
            if value.utf8.last == 0x0D {
                throw .unwritableLine(index: index, reason: "ends in a carriage return, which a reader drops before the line feed")
            }
            output += value
            output += "\n"
        }
        return output
    }
}
