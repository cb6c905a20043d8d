import AdeaugCore
import Foundation

/// Reads the sentences of a plain file: one sentence per line, or JSONL with a `text` field
/// (and an optional `id`), as Core's `SentenceLinesReader` decides. Plain lines are trimmed of
/// spaces and tabs; blank lines are skipped; anything else that is wrong stops the read with
/// the file and line.
public struct SentenceFileReader: Sendable {
    /// Longest line accepted: a sentence file with a megabyte on one line is not sentences.
    public static let maximumLineBytes = 1 << 20

    public init() {}

    public func read(path: String) throws -> [InputSentence] {
        let file = try ContaminationError.reading {
            try SentenceLinesReader(maximumLineBytes: Self.maximumLineBytes).read(path: path)
        }
        guard !file.sentences.isEmpty else { throw ContaminationError.emptyInput(file: path) }
        return file.sentences.map { record in
            // Without an `id`, a sentence is known by its file and line.
            let id = record.id ?? record.location.description
            let text = file.format == .plainLines ? record.text.trimmingCharacters(in: .whitespaces) : record.text
            return InputSentence(id: id, text: text, source: record.location)
        }
    }
}
