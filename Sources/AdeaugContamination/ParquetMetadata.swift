/// The parts of a Parquet footer (`FileMetaData`, Thrift field numbers from parquet.thrift)
/// that reading flat string columns needs.
struct ParquetMetadata {
    struct Column {
        /// Dotted path in the schema (`content`, `image_urls.list.element`…).
        var path: String
        /// Physical type (6 = BYTE_ARRAY).
        var physicalType: Int
        /// 0 required, 1 optional, 2 repeated (of the leaf; `maxRepetition` covers parents).
        var maxDefinition: Int
        var maxRepetition: Int
    }

    struct ColumnChunk {
        var path: String
        var codec: Int
        var valueCount: Int
        var dataPageOffset: Int
        var dictionaryPageOffset: Int?
        var compressedSize: Int
    }

    struct RowGroup {
        var rowCount: Int
        var chunks: [ColumnChunk]
    }

    var rowCount: Int
    var columns: [Column]
    var rowGroups: [RowGroup]

    init(_ value: ThriftValue, file: String) throws {
        func bad(_ reason: String) -> ContaminationError {
            ContaminationError.unreadable(file: file, reason: "corrupt Parquet footer: \(reason)")
        }
        guard let schema = value[2]?.list, let rows = value[3]?.integer, let groups = value[4]?.list else {
            throw bad("missing schema, row count or row groups")
        }
        rowCount = rows
        // The schema is a depth-first list; element 0 is the root. Walk it keeping the path.
        var columns: [Column] = []
        var index = 1
        func walk(prefix: String, definition: Int, repetition: Int) throws {
            guard index < schema.count else { throw bad("schema shorter than its children counts") }
            let element = schema[index]
            index += 1
            guard let name = element[4]?.string else { throw bad("schema element without a name") }
            let kind = element[3]?.integer ?? 0
            let path = prefix.isEmpty ? name : prefix + "." + name
            let definition = definition + (kind == 0 ? 0 : 1)
            let repetition = repetition + (kind == 2 ? 1 : 0)
            let children = element[5]?.integer ?? 0
            if children > 0 {
                for _ in 0..<children { try walk(prefix: path, definition: definition, repetition: repetition) }
            } else {
                columns.append(Column(
                    path: path, physicalType: element[1]?.integer ?? -1,
                    maxDefinition: definition, maxRepetition: repetition))
            }
        }
        let rootChildren = schema.first?[5]?.integer ?? 0
        for _ in 0..<rootChildren { try walk(prefix: "", definition: 0, repetition: 0) }
        self.columns = columns
        rowGroups = try groups.map { group in
            guard let chunks = group[1]?.list, let rows = group[3]?.integer else { throw bad("row group without columns") }
            return RowGroup(rowCount: rows, chunks: try chunks.map { chunk in
                guard let meta = chunk[3], let path = meta[3]?.list?.compactMap(\.string),
                    let codec = meta[4]?.integer, let values = meta[5]?.integer,
                    let compressed = meta[7]?.integer, let dataOffset = meta[9]?.integer
                else { throw bad("column chunk without metadata") }
                return ColumnChunk(
                    path: path.joined(separator: "."), codec: codec, valueCount: values,
                    dataPageOffset: dataOffset, dictionaryPageOffset: meta[11]?.integer,
                    compressedSize: compressed)
            })
        }
    }
}
