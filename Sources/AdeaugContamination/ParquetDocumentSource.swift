import Foundation

/// RefinedWeb's own Parquet files (and Hugging Face's Parquet exports): the text comes from the
/// `content` column (or `text`), the URL from `url` when the file has one. Other columns
/// (`timestamp`, `dump`, `segment`, `image_urls`) are not read. Row groups are read one at a
/// time, so memory stays at one row group's text.
public struct ParquetDocumentSource: DocumentSource {
    public let path: String

    public init(path: String) throws {
        self.path = path
    }

    public func forEachDocument(from firstRow: Int, _ body: (WebDocument) throws -> Void) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ContaminationError.unreadable(file: path, reason: "cannot be read")
        }
        try data.withUnsafeBytes { bytes in
            let metadata = try Self.metadata(bytes, file: path)
            guard let content = metadata.columns.first(where: { $0.path == "content" })
                ?? metadata.columns.first(where: { $0.path == "text" })
            else {
                throw ContaminationError.unreadable(
                    file: path, reason: "Parquet file has no `content` (or `text`) column; columns: \(metadata.columns.map(\.path).joined(separator: ", "))")
            }
            let url = metadata.columns.first { $0.path == "url" }
            var rowStart = 0
            for group in metadata.rowGroups {
                defer { rowStart += group.rowCount }
                guard rowStart + group.rowCount > firstRow else { continue }
                let contents = try Self.read(content, in: group, bytes: bytes, file: path)
                let urls = try url.map { try Self.read($0, in: group, bytes: bytes, file: path) }
                for offset in 0..<group.rowCount where rowStart + offset >= firstRow {
                    guard let text = contents[offset] else { continue }
                    try body(WebDocument(row: rowStart + offset, content: text, url: urls?[offset] ?? nil))
                }
            }
        }
    }

    private static func read(
        _ column: ParquetMetadata.Column, in group: ParquetMetadata.RowGroup, bytes: UnsafeRawBufferPointer, file: String
    ) throws -> [String?] {
        guard let chunk = group.chunks.first(where: { $0.path == column.path }) else {
            throw ContaminationError.unreadable(file: file, reason: "Parquet row group lacks column \(column.path)")
        }
        return try ParquetStringColumnReader(bytes: bytes, file: file, column: column).read(chunk, rows: group.rowCount)
    }

    /// Checks the `PAR1` magic at both ends and decodes the footer.
    static func metadata(_ bytes: UnsafeRawBufferPointer, file: String) throws -> ParquetMetadata {
        let magic: [UInt8] = Array("PAR1".utf8)
        guard bytes.count >= 12, Array(bytes[0..<4]) == magic, Array(bytes[(bytes.count - 4)...]) == magic else {
            throw ContaminationError.unreadable(file: file, reason: "not a Parquet file, or truncated (no PAR1 magic at both ends)")
        }
        let footerLength = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt32.self)))
        guard footerLength > 0, footerLength <= bytes.count - 12 else {
            throw ContaminationError.unreadable(file: file, reason: "corrupt Parquet footer length")
        }
        let footerStart = bytes.count - 8 - footerLength
        let footer = UnsafeRawBufferPointer(rebasing: bytes[footerStart..<(bytes.count - 8)])
        var reader = ThriftCompactReader(bytes: footer, offset: 0, file: file)
        return try ParquetMetadata(try reader.readStruct(), file: file)
    }
}
