import AdeaugCore
import Foundation

/// JSONL or plain-text pretraining input, whole-file decompressed when it ends in `.gz` or
/// `.zst` (or starts with their magic bytes). JSONL (first non-blank byte `{`) takes the text
/// from `content` (RefinedWeb's name) or `text`, and the URL from `url`; plain text makes one
/// document of each non-blank line.
public struct LineDocumentSource: DocumentSource {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The fields read from a JSONL record; the rest of the record is skipped.
    private struct Record: Decodable {
        var content: String?
        var text: String?
        var url: String?
    }

    public func forEachDocument(from firstRow: Int, _ body: (WebDocument) throws -> Void) throws {
        guard let raw = FileManager.default.contents(atPath: path) else {
            throw ContaminationError.unreadable(file: path, reason: "cannot be read")
        }
        let data = try Decompression.decompressIfNeeded(raw, file: path)
        let decoder = JSONDecoder()
        var isJSON: Bool?
        var row = 0
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            try TextLines.forEachLine(in: bytes) { lineNumber, line in
                guard let first = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
                if isJSON == nil { isJSON = line[first] == UInt8(ascii: "{") }
                defer { row += 1 }
                guard row >= firstRow else { return }
                let location = SourceLocation(file: path, line: lineNumber)
                if isJSON == true {
                    let record: Record
                    do {
                        record = try JSONLinesReader.decode(Record.self, from: Data(line), at: location, using: decoder)
                    } catch {
                        throw ContaminationError.malformedInput(
                            file: path, line: lineNumber, reason: "invalid JSON, or `content`/`url` not strings")
                    }
                    guard let content = record.content ?? record.text else {
                        throw ContaminationError.malformedInput(
                            file: path, line: lineNumber, reason: "no string field `content` (or `text`)")
                    }
                    try body(WebDocument(row: row, content: content, url: record.url))
                } else {
                    let text = try ContaminationError.reading { try TextLines.text(of: line, at: location).text }
                    try body(WebDocument(row: row, content: text, url: nil))
                }
            }
        }
    }
}
