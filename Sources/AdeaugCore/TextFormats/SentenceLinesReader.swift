import Foundation

/// Reads the sentence files of predict, tokenize, check, index query and scan: one sentence
/// per line, or JSON Lines with a string `text` and an optional `id` (see `SentenceFileFormat`
/// for which). In JSON Lines every non-blank line must be such an object: a line that is not
/// is an error naming the file and line, never a sentence.
public struct SentenceLinesReader: Sendable {
    /// Longest line accepted, when set.
    public var maximumLineBytes: Int?

    public init(maximumLineBytes: Int? = nil) {
        self.maximumLineBytes = maximumLineBytes
    }

    public func read(path: String) throws -> SentenceFile {
        try sentences(in: try TextInput.contents(of: path), file: path)
    }

    /// `path`, or standard input when it is nil or `-`.
    public func readFileOrStandardInput(_ path: String?) throws -> SentenceFile {
        let (data, name) = try TextInput.contentsOrStandardInput(path)
        return try sentences(in: data, file: name)
    }

    /// Plain lines come back as they are (line end removed); blank lines are skipped.
    public func sentences(in data: Data, file: String) throws -> SentenceFile {
        let lines = try PlainLinesReader(maximumLineBytes: maximumLineBytes).lines(in: data, file: file)
        let format = SentenceFileFormat.detect(name: file, firstLine: lines.first)
        switch format {
        case .plainLines:
            return SentenceFile(format: format, sentences: lines.map {
                SentenceRecord(text: $0.text, location: SourceLocation(file: file, line: $0.number))
            })
        case .jsonLines:
            let decoder = JSONDecoder()
            return SentenceFile(format: format, sentences: try lines.map { line in
                let location = SourceLocation(file: file, line: line.number)
                let value = try JSONLinesReader.decode(JSONValue.self, from: Data(line.text.utf8), at: location, using: decoder)
                guard case .object = value else { throw TextFormatError.notAnObject(location) }
                guard let text = value["text"]?.stringValue else {
                    throw TextFormatError.missingStringField(location, name: "text")
                }
                return SentenceRecord(text: text, id: value["id"]?.idText, location: location)
            })
        }
    }
}

extension JSONValue {
    /// An `id` given as a string or a number.
    fileprivate var idText: String? {
        switch self {
        case .string(let value): value
        case .integer, .number: scalarText
        default: nil
        }
    }
}
