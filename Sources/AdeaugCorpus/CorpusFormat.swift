/// How a corpus file or folder is laid out.
public enum CorpusFormat: String, Sendable, CaseIterable, Codable {
    /// Decide from the path: the original ADE files, a train/test pair, or the file extension.
    case auto
    /// The original distribution: `DRUG-AE.rel` (pipe-delimited) and `ADE-NEG.txt`.
    case ade
    /// Comma-separated (or tab-separated for `.tsv`) with a header row.
    case csv
    /// One JSON object per line.
    case jsonl
}
