/// One document of pretraining text as an input file yields it.
public struct WebDocument: Sendable, Hashable {
    /// 0-based row (Parquet/JSONL record, text line) within its file.
    public var row: Int
    public var content: String
    public var url: String?

    public init(row: Int, content: String, url: String?) {
        self.row = row
        self.content = content
        self.url = url
    }
}
