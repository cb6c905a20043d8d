/// The two shapes of a sentence file the commands accept.
public enum SentenceFileFormat: Sendable, Hashable {
    /// One sentence per line.
    case plainLines
    /// One JSON object per line with a string `text` (and optionally an `id`).
    case jsonLines

    /// `.jsonl`, `.ndjson` and `.json` files are JSON Lines whatever they hold, so that a bad
    /// line is an error rather than a sentence; other inputs (`.txt`, standard input) are JSON
    /// Lines when their first non-blank line starts with `{`.
    public static func detect(name: String, firstLine: TextLine?) -> SentenceFileFormat {
        let lowered = name.lowercased()
        if [".jsonl", ".ndjson", ".json"].contains(where: { lowered.hasSuffix($0) }) { return .jsonLines }
        guard let firstLine else { return .plainLines }
        return firstLine.text.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("{") ? .jsonLines : .plainLines
    }
}
