import Foundation

/// The one rule for where a record ends in every line-based format (JSON Lines, plain
/// lines, and CSV outside quotes): at `\n`, with a `\r` right before it dropped. Nothing else
/// ends a line: U+2028, U+2029, U+0085, a vertical tab or a lone `\r` belong to the value,
/// which is what JSON and the writers here produce. (Swift's `isNewline`, `enumerateLines`
/// and `.newlines` split on all of those and break records.) A final line without `\n` is a
/// line.
public enum TextLines {
    /// Calls `body` with each line's 1-based number and bytes (line end removed), blank lines
    /// included so that numbers stay true. No copying and no UTF-8 check: for streaming large
    /// inputs; `lines(of:file:maximumLineBytes:)` is the checked form.
    public static func forEachLine(
        in bytes: UnsafeRawBufferPointer, _ body: (_ number: Int, _ line: UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            var end = bytes.count
            if let found = memchr(base + start, 0x0A, bytes.count - start) {
                end = UnsafeRawPointer(found) - base
            }
            var contentEnd = end
            if contentEnd > start && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            try body(number, UnsafeRawBufferPointer(rebasing: bytes[start..<contentEnd]))
            start = end + 1
        }
    }

    /// Every line of `data` as checked UTF-8 text, blank lines kept. `file` names the input in
    /// errors; lines over `maximumLineBytes` (when given) are an error: such a line is a wrong
    /// file (a binary, a JSON array on one line) rather than data.
    public static func lines(of data: Data, file: String, maximumLineBytes: Int? = nil) throws -> [TextLine] {
        var result: [TextLine] = []
        result.reserveCapacity(data.count / 80)
        try data.withUnsafeBytes { bytes in
            try forEachLine(in: bytes) { number, line in
                result.append(try text(of: line, at: SourceLocation(file: file, line: number), maximumLineBytes: maximumLineBytes))
            }
        }
        return result
    }

    /// One line's bytes as checked UTF-8 text.
    public static func text(of line: UnsafeRawBufferPointer, at location: SourceLocation, maximumLineBytes: Int? = nil) throws(TextFormatError) -> TextLine {
        if let maximumLineBytes, line.count > maximumLineBytes {
            throw .lineTooLong(location, bytes: line.count, limit: maximumLineBytes)
        }
        guard let text = String(validating: line, as: UTF8.self) else { throw .invalidUTF8(location) }
        return TextLine(number: location.line, text: text)
    }
}
