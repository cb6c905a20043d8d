import Foundation

/// Reads one flat (non-nested) column chunk of a Parquet file as text: dictionary and data pages
/// (v1 and v2), PLAIN and dictionary (RLE_DICTIONARY / PLAIN_DICTIONARY) encodings, definition
/// levels for optional columns, and the UNCOMPRESSED, SNAPPY, GZIP and ZSTD codecs. Strings
/// (BYTE_ARRAY) come as they are; BOOLEAN, INT32, INT64, FLOAT and DOUBLE as their decimal text
/// (what a label column of a Hugging Face export needs).
///
/// Hand-written (see `ThriftCompactReader`): no Parquet reader for Swift in the machine's mirror.
/// Enough of the format for RefinedWeb's `content` and `url` and Hugging Face's text exports,
/// not a general Parquet library: nested columns and DELTA encodings are refused with an error.
struct ParquetColumnReader {
    let bytes: UnsafeRawBufferPointer
    let file: String
    let column: ParquetMetadata.Column

    /// The values of `chunk`, one per row (nil for a null).
    func read(_ chunk: ParquetMetadata.ColumnChunk, rows: Int) throws -> [String?] {
        guard column.maxRepetition == 0, column.maxDefinition <= 1 else {
            throw error("column \(column.path) is nested; only flat string columns are read")
        }
        guard [0, 1, 2, 4, 5, 6].contains(column.physicalType) else {
            throw error("column \(column.path) has physical type \(column.physicalType); strings, booleans, integers and floats are read")
        }
        var dictionary: [String] = []
        var values: [String?] = []
        values.reserveCapacity(rows)
        var offset = min(chunk.dictionaryPageOffset ?? chunk.dataPageOffset, chunk.dataPageOffset)
        if let dictionaryOffset = chunk.dictionaryPageOffset, dictionaryOffset > 0 { offset = dictionaryOffset }
        let end = offset + chunk.compressedSize
        guard offset >= 4, end <= bytes.count - 8, chunk.compressedSize >= 0 else {
            throw error("column chunk \(column.path) lies outside the file (truncated?)")
        }
        while values.count < chunk.valueCount && offset < end {
            var reader = ThriftCompactReader(bytes: bytes, offset: offset, file: file)
            let header = try reader.readStruct()
            guard let type = header[1]?.integer, let uncompressedSize = header[2]?.integer,
                let compressedSize = header[3]?.integer, compressedSize >= 0, uncompressedSize >= 0
            else { throw error("page header without type or sizes") }
            let bodyStart = reader.offset
            guard bodyStart + compressedSize <= end else { throw error("page of \(column.path) runs past its column chunk (truncated?)") }
            let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<(bodyStart + compressedSize)])
            offset = bodyStart + compressedSize
            switch type {
            case 2:  // DICTIONARY_PAGE: PLAIN-encoded values
                guard let count = header[7]?[1]?.integer else { throw error("dictionary page without a header") }
                let page = try decompress(body, codec: chunk.codec, size: uncompressedSize)
                dictionary = try page.withUnsafeBytes { try plainValues($0, count: count) }
            case 0:  // DATA_PAGE (v1): levels and values all compressed together
                guard let pageHeader = header[5], let count = pageHeader[1]?.integer, let encoding = pageHeader[2]?.integer
                else { throw error("data page without a header") }
                let page = try decompress(body, codec: chunk.codec, size: uncompressedSize)
                try page.withUnsafeBytes { raw in
                    var position = 0
                    var defined = [Bool](repeating: true, count: count)
                    if column.maxDefinition > 0 {
                        guard raw.count >= 4 else { throw error("truncated definition levels") }
                        let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
                        guard 4 + length <= raw.count else { throw error("truncated definition levels") }
                        let levels = try RunLengthBitPacked.decode(
                            UnsafeRawBufferPointer(rebasing: raw[4..<(4 + length)]), bitWidth: 1, count: count, file: file)
                        defined = levels.map { $0 == 1 }
                        position = 4 + length
                    }
                    try appendValues(
                        UnsafeRawBufferPointer(rebasing: raw[position...]), encoding: encoding, defined: defined,
                        dictionary: dictionary, into: &values)
                }
            case 3:  // DATA_PAGE_V2: levels uncompressed in front, then the (maybe compressed) values
                guard let pageHeader = header[8], let count = pageHeader[1]?.integer, let encoding = pageHeader[4]?.integer,
                    let definitionLength = pageHeader[5]?.integer, let repetitionLength = pageHeader[6]?.integer,
                    definitionLength >= 0, repetitionLength >= 0, definitionLength + repetitionLength <= body.count
                else { throw error("data page v2 without a valid header") }
                var defined = [Bool](repeating: true, count: count)
                if column.maxDefinition > 0 {
                    let levels = try RunLengthBitPacked.decode(
                        UnsafeRawBufferPointer(rebasing: body[repetitionLength..<(repetitionLength + definitionLength)]),
                        bitWidth: 1, count: count, file: file)
                    defined = levels.map { $0 == 1 }
                }
                let valuesBody = UnsafeRawBufferPointer(rebasing: body[(repetitionLength + definitionLength)...])
                let compressed = pageHeader[7]?.bool ?? true
                let valueSize = uncompressedSize - definitionLength - repetitionLength
                let page = compressed ? try decompress(valuesBody, codec: chunk.codec, size: valueSize) : Array(valuesBody)
                try page.withUnsafeBytes {
                    try appendValues($0, encoding: encoding, defined: defined, dictionary: dictionary, into: &values)
                }
            default:
                continue  // index pages and unknown pages carry no values
            }
        }
        guard values.count == rows else {
            throw error("column \(column.path) has \(values.count) values for \(rows) rows (truncated?)")
        }
        return values
    }

    private func appendValues(
        _ raw: UnsafeRawBufferPointer, encoding: Int, defined: [Bool], dictionary: [String], into values: inout [String?]
    ) throws {
        let present = defined.lazy.filter { $0 }.count
        let decoded: [String]
        switch encoding {
        case 0:
            decoded = try plainValues(raw, count: present)
        case 2, 8:
            guard let width = raw.first, width <= 32 else { throw error("bad dictionary index width") }
            let indices = try RunLengthBitPacked.decode(
                UnsafeRawBufferPointer(rebasing: raw[1...]), bitWidth: Int(width), count: present, file: file)
            decoded = try indices.map { index in
                guard Int(index) < dictionary.count else { throw error("dictionary index out of range") }
                return dictionary[Int(index)]
            }
        default:
            throw error("encoding \(encoding) of column \(column.path) is not supported (PLAIN and dictionary are)")
        }
        var next = 0
        for isDefined in defined {
            if isDefined {
                values.append(decoded[next])
                next += 1
            } else {
                values.append(nil)
            }
        }
    }

    /// PLAIN values of the column's physical type, as text.
    private func plainValues(_ raw: UnsafeRawBufferPointer, count: Int) throws -> [String] {
        func fixed<T>(_ size: Int, _ format: (UnsafeRawBufferPointer, Int) -> T) throws -> [T] {
            guard count * size <= raw.count else { throw error("truncated values in \(column.path)") }
            return (0..<count).map { format(raw, $0 * size) }
        }
        switch column.physicalType {
        case 0:  // BOOLEAN: one bit each, least significant first
            guard (count + 7) / 8 <= raw.count else { throw error("truncated values in \(column.path)") }
            return (0..<count).map { (raw[$0 / 8] >> UInt8($0 % 8)) & 1 == 1 ? "true" : "false" }
        case 1: return try fixed(4) { String(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: Int32.self))) }
        case 2: return try fixed(8) { String(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: Int64.self))) }
        case 4: return try fixed(4) { String(Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: UInt32.self)))) }
        case 5: return try fixed(8) { String(Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: UInt64.self)))) }
        default: return try plainStrings(raw, count: count)
        }
    }

    /// PLAIN BYTE_ARRAY values: a 4-byte little-endian length, then the bytes.
    private func plainStrings(_ raw: UnsafeRawBufferPointer, count: Int) throws -> [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        var position = 0
        for _ in 0..<count {
            guard position + 4 <= raw.count else { throw error("truncated values in \(column.path)") }
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            position += 4
            guard length <= raw.count - position else { throw error("truncated values in \(column.path)") }
            guard let text = String(validating: UnsafeRawBufferPointer(rebasing: raw[position..<(position + length)]), as: UTF8.self)
            else { throw error("invalid UTF-8 in column \(column.path)") }
            result.append(text)
            position += length
        }
        return result
    }

    private func decompress(_ body: UnsafeRawBufferPointer, codec: Int, size: Int) throws -> [UInt8] {
        let input = ArraySlice(body)
        switch codec {
        case 0:
            guard body.count == size else { throw error("page size mismatch") }
            return Array(body)
        case 1: return try Decompression.snappyBlock(input, expectedSize: size, file: file)
        case 2: return try Decompression.gzipBlock(input, expectedSize: size, file: file)
        case 6: return try Decompression.zstdBlock(input, expectedSize: size, file: file)
        default: throw error("compression codec \(codec) is not supported (none, snappy, gzip and zstd are)")
        }
    }

    private func error(_ reason: String) -> ContaminationError {
        ContaminationError.unreadable(file: file, reason: "Parquet: \(reason)")
    }
}
