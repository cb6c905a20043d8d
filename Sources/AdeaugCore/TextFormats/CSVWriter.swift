import Foundation

/// Writes RFC 4180 records, comma- or tab-separated, each ended by `\n`. A field holding the
/// delimiter, a quote, `\n` or `\r` is quoted with its quotes doubled, so `CSVReader` reads
/// back the same fields.
public struct CSVWriter: Sendable {
    public var delimiter: CSVDelimiter

    public init(delimiter: CSVDelimiter = .comma) {
        self.delimiter = delimiter
    }

    public func field(_ value: String) -> String {
        let separator = delimiter.rawValue
        guard value.utf8.contains(where: { $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record with its `\n`.
    public func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(UnicodeScalar(delimiter.rawValue))) + "\n"
    }

    /// A header (when given) and the rows.
    public func render(header: [String]? = nil, rows: [[String]]) -> String {
        var output = header.map(row) ?? ""
        for fields in rows { output += row(fields) }
        return output
    }
}
