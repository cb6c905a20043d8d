import AdeaugCore
import Foundation

/// Sentences to predict or tokenize: text lines, or JSON Lines objects with a `text` field,
/// read by Core's `SentenceLinesReader` (a `.jsonl` file, or any input whose first non-blank
/// line starts with `{`, is JSON Lines throughout). Blank lines are skipped.
public enum InputTexts {
    /// The sentences of `data`; `name` is the file name used for the format and in errors.
    public static func parse(_ data: Data, name: String) throws -> [String] {
        try SentenceLinesReader().sentences(in: data, file: name).sentences.map(\.text)
    }

    /// Reads `path`, or standard input when it is nil or `-`.
    public static func read(path: String?) throws -> [String] {
        try SentenceLinesReader().readFileOrStandardInput(path).sentences.map(\.text)
    }
}
