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

    public func forEachDocument(from firstRow: Int, _ body: (WebDocument) throws -> Void) throws {
        guard let raw = FileManager.default.contents(atPath: path) else {
            throw ContaminationError.unreadable(file: path, reason: "cannot be read")
        }
        let data = try Decompression.decompressIfNeeded(raw, file: path)
        var isJSON: Bool?
        var row = 0
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            lineNumber += 1
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            let line = data[start..<end]
            start = end < data.endIndex ? end + 1 : end
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            if isJSON == nil { isJSON = line.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") }
            defer { row += 1 }
            guard row >= firstRow else { continue }
            if isJSON == true {
                let object: Any
                do {
                    object = try JSONSerialization.jsonObject(with: line)
                } catch {
                    throw ContaminationError.malformedInput(file: path, line: lineNumber, reason: "invalid JSON")
                }
                guard let fields = object as? [String: Any],
                    let content = (fields["content"] as? String) ?? (fields["text"] as? String)
                else {
                    throw ContaminationError.malformedInput(
                        file: path, line: lineNumber, reason: "no string field `content` (or `text`)")
                }
                try body(WebDocument(row: row, content: content, url: fields["url"] as? String))
            } else {
                guard let text = String(validating: line, as: UTF8.self) else {
                    throw ContaminationError.malformedInput(file: path, line: lineNumber, reason: "invalid UTF-8")
                }
                try body(WebDocument(row: row, content: text, url: nil))
            }
        }
    }
}
