/// RefinedWeb's own Parquet files (and Hugging Face's Parquet exports): the text comes from the
/// `content` column (or `text`), the URL from `url` when the file has one. Other columns
/// (`timestamp`, `dump`, `segment`, `image_urls`) are not read. Row groups are read one at a
/// time, so memory stays at one row group's text; rows with a null text are skipped.
public struct ParquetDocumentSource: DocumentSource {
    public let path: String

    public init(path: String) throws {
        self.path = path
    }

    public func forEachDocument(from firstRow: Int, _ body: (WebDocument) throws -> Void) throws {
        let table = try ParquetTable(path: path)
        let names = table.columnNames
        guard let content = ["content", "text"].first(where: names.contains) else {
            throw ContaminationError.unreadable(
                file: path, reason: "Parquet file has no `content` (or `text`) column; columns: \(names.joined(separator: ", "))")
        }
        let columns = names.contains("url") ? [content, "url"] : [content]
        try table.forEachRow(columns: columns, from: firstRow) { row, values in
            guard let text = values[0] else { return }
            try body(WebDocument(row: row, content: text, url: values.count > 1 ? values[1] : nil))
        }
    }
}
