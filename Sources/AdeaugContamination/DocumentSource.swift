import Foundation

/// An input file of pretraining text: RefinedWeb Parquet, JSONL (`content`/`text` and `url`),
/// optionally gzip- or zstd-compressed, or plain text (one document per non-blank line).
public protocol DocumentSource {
    var path: String { get }
    /// Calls `body` for every document from row `firstRow` on, in file order.
    func forEachDocument(from firstRow: Int, _ body: (WebDocument) throws -> Void) throws
}

/// Picks the reader for a file from its name and first bytes.
public enum DocumentSources {
    public static func open(_ path: String) throws -> any DocumentSource {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ContaminationError.unreadable(file: path, reason: "no such file")
        }
        if path.hasSuffix(".parquet") { return try ParquetDocumentSource(path: path) }
        return LineDocumentSource(path: path)
    }
}
