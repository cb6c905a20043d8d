/// RefinedWeb Parquet input (reader in progress).
struct ParquetDocumentSource: DocumentSource {
    let path: String
    init(path: String) throws {
        throw ContaminationError.unreadable(file: path, reason: "Parquet input is not supported yet")
    }
    func forEachDocument(from firstRow: Int, _ body: (WebDocument) throws -> Void) throws {}
}
