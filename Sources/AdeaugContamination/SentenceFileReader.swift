import AdeaugCore
import Foundation

/// Reads the sentences of a plain file: one sentence per line, or JSONL with a `text` field
/// (and an optional `id`). The format is decided by the first non-blank line (`{` → JSONL).
/// Blank lines are skipped; anything else that is wrong stops the read with the file and line.
public struct SentenceFileReader: Sendable {
    /// Longest line accepted: a sentence file with a megabyte on one line is not sentences.
    public static let maximumLineBytes = 1 << 20

    public init() {}

    public func read(path: String) throws -> [InputSentence] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ContaminationError.unreadable(file: path, reason: exists ? "cannot be read" : "no such file")
        }
        var sentences: [InputSentence] = []
        var isJSONL: Bool?
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            lineNumber += 1
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            var line = data[start..<end]
            start = end < data.endIndex ? end + 1 : end
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard line.count <= Self.maximumLineBytes else {
                throw ContaminationError.malformedInput(
                    file: path, line: lineNumber, reason: "line longer than \(Self.maximumLineBytes) bytes")
            }
            guard let text = String(validating: line, as: UTF8.self) else {
                throw ContaminationError.malformedInput(file: path, line: lineNumber, reason: "invalid UTF-8")
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let location = SourceLocation(file: path, line: lineNumber)
            if isJSONL == nil { isJSONL = trimmed.hasPrefix("{") }
            if isJSONL == true {
                sentences.append(try jsonSentence(trimmed, location: location))
            } else {
                sentences.append(InputSentence(id: "\(path):\(lineNumber)", text: trimmed, source: location))
            }
        }
        guard !sentences.isEmpty else { throw ContaminationError.emptyInput(file: path) }
        return sentences
    }

    private func jsonSentence(_ line: String, location: SourceLocation) throws -> InputSentence {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        } catch {
            throw ContaminationError.malformedInput(
                file: location.file, line: location.line, reason: "not a JSON object (the file's first line is JSON)")
        }
        guard let fields = object as? [String: Any] else {
            throw ContaminationError.malformedInput(file: location.file, line: location.line, reason: "not a JSON object")
        }
        guard let text = fields["text"] as? String else {
            throw ContaminationError.malformedInput(
                file: location.file, line: location.line, reason: "no string field `text`")
        }
        let id: String
        switch fields["id"] {
        case let value as String: id = value
        case let value as NSNumber: id = value.stringValue
        default: id = location.description
        }
        return InputSentence(id: id, text: text, source: location)
    }
}
