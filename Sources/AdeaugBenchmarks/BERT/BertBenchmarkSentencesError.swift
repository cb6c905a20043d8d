/// Why the BERT benchmarks have no sentences to time.
public enum BertBenchmarkSentencesError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The sentence folder given (`--data`) does not exist or is not a folder.
    case noSuchFolder(String)
    /// A sentence file or the workspace's examples could not be read; `detail` says why.
    case unreadable(path: String, detail: String)
    /// No sentence folder given, no workspace with both splits, and no PyTorch split in the
    /// shared folder.
    case noSentences(sharedFolder: String)

    public var description: String {
        switch self {
        case .noSuchFolder(let folder):
            "No sentence folder \(folder): --data takes a folder with train.jsonl and test.jsonl."
        case .unreadable(let path, let detail):
            "Cannot read the benchmark sentences in \(path): \(detail)"
        case .noSentences(let shared):
            "No sentences: pass --data DIR (train.jsonl, test.jsonl), or a --workspace with a corpus (nor is there \(shared)/reference/pytorch-split)."
        }
    }
}
