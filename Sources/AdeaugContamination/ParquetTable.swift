import Foundation

/// A Parquet file read as a table of text values: the columns (flat ones), the row count, and
/// the rows of chosen columns, one row group at a time. What `ParquetDocumentSource` reads
/// RefinedWeb with, and what an ingest of a Hugging Face Parquet export (`text`, `label`) needs.
public struct ParquetTable {
    public let path: String
    private let data: Data
    let metadata: ParquetMetadata

    /// Opens the file (memory-mapped) and reads its footer.
    public init(path: String) throws {
        self.path = path
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ContaminationError.unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        metadata = try data.withUnsafeBytes { try Self.metadata($0, file: path) }
    }

    /// Leaf column paths (`content`, `url`, `image_urls.list.element`…).
    public var columnNames: [String] { metadata.columns.map(\.path) }

    public var rowCount: Int { metadata.rowCount }

    /// Calls `body` with the row number and the values of `columns` (in that order; nil for a
    /// null) for every row from `firstRow` on. Whole row groups before `firstRow` are skipped
    /// unread. A missing column is an error naming the file and the columns it has.
    public func forEachRow(columns names: [String], from firstRow: Int = 0, _ body: (Int, [String?]) throws -> Void) throws {
        let columns = try names.map { name in
            guard let column = metadata.columns.first(where: { $0.path == name }) else {
                throw ContaminationError.unreadable(
                    file: path, reason: "Parquet file has no column `\(name)`; columns: \(columnNames.joined(separator: ", "))")
            }
            return column
        }
        try data.withUnsafeBytes { bytes in
            var rowStart = 0
            for group in metadata.rowGroups {
                defer { rowStart += group.rowCount }
                guard rowStart + group.rowCount > firstRow else { continue }
                let values = try columns.map { column -> [String?] in
                    guard let chunk = group.chunks.first(where: { $0.path == column.path }) else {
                        throw ContaminationError.unreadable(file: path, reason: "Parquet row group lacks column \(column.path)")
                    }
                    return try ParquetColumnReader(bytes: bytes, file: path, column: column).read(chunk, rows: group.rowCount)
                }
                for offset in 0..<group.rowCount where rowStart + offset >= firstRow {
                    try body(rowStart + offset, values.map { $0[offset] })
                }
            }
        }
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
