/// A reader of Thrift's compact protocol, the encoding of Parquet's footer and page headers.
///
/// Hand-written because no Swift package in the machine's mirror reads Thrift (swift-protobuf
/// is Protocol Buffers). It decodes into a generic `ThriftValue` tree rather than into typed
/// structs: the footer is small, and the Parquet types then read only the fields they need,
/// ignoring the many they do not. Every read is bounds-checked: a truncated or corrupt file
/// gives an error, never a crash.
struct ThriftCompactReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    private let file: String
    /// Nesting limit: corrupt input must not recurse without end.
    private static let maximumDepth = 64

    init(bytes: UnsafeRawBufferPointer, offset: Int, file: String) {
        self.bytes = bytes
        self.offset = offset
        self.file = file
    }

    /// Reads one struct (its fields up to the STOP byte).
    mutating func readStruct() throws -> ThriftValue {
        try readStruct(depth: 0)
    }

    private mutating func readStruct(depth: Int) throws -> ThriftValue {
        guard depth < Self.maximumDepth else { throw corrupt("structures nested too deeply") }
        var fields: [Int16: ThriftValue] = [:]
        var lastField: Int16 = 0
        while true {
            let header = try readByte()
            if header == 0 { return .structure(fields) }
            let type = header & 0x0F
            let delta = Int16(header >> 4)
            let field = delta != 0 ? lastField &+ delta : Int16(truncatingIfNeeded: try readZigZag())
            lastField = field
            switch type {
            case 1: fields[field] = .bool(true)
            case 2: fields[field] = .bool(false)
            default: fields[field] = try readValue(type: type, depth: depth + 1)
            }
        }
    }

    private mutating func readValue(type: UInt8, depth: Int) throws -> ThriftValue {
        switch type {
        case 1, 2:
            // Inside lists and maps a bool is one byte: 1 is true.
            return .bool(try readByte() == 1)
        case 3: return .integer(Int64(Int8(bitPattern: try readByte())))
        case 4, 5, 6: return .integer(try readZigZag())
        case 7:
            try need(8)
            let bits = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
            return .double(Double(bitPattern: UInt64(littleEndian: bits)))
        case 8:
            let length = try readLength()
            try need(length)
            let value = Array(bytes[offset..<(offset + length)])
            offset += length
            return .binary(value)
        case 9, 10:
            let header = try readByte()
            var count = Int(header >> 4)
            if count == 15 { count = try readLength() }
            let elementType = header & 0x0F
            guard count <= bytes.count - offset else { throw corrupt("list longer than the data") }
            var elements: [ThriftValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try readValue(type: elementType, depth: depth + 1)) }
            return .list(elements)
        case 11:
            let count = try readLength()
            guard count <= bytes.count - offset else { throw corrupt("map longer than the data") }
            guard count > 0 else { return .list([]) }
            let types = try readByte()
            var elements: [ThriftValue] = []
            for _ in 0..<count {
                elements.append(try readValue(type: types >> 4, depth: depth + 1))
                elements.append(try readValue(type: types & 0x0F, depth: depth + 1))
            }
            return .list(elements)
        case 12:
            guard depth < Self.maximumDepth else { throw corrupt("structures nested too deeply") }
            return try readStruct(depth: depth)
        default:
            throw corrupt("unknown Thrift type \(type)")
        }
    }

    private mutating func readByte() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw corrupt("varint too long") }
        }
    }

    private mutating func readZigZag() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    private mutating func readLength() throws -> Int {
        let value = try readVarint()
        guard value <= UInt64(Int32.max) else { throw corrupt("length out of range") }
        return Int(value)
    }

    private func need(_ count: Int) throws {
        guard count >= 0, offset + count <= bytes.count else { throw corrupt("truncated metadata") }
    }

    private func corrupt(_ reason: String) -> ContaminationError {
        ContaminationError.unreadable(file: file, reason: "corrupt Parquet metadata: \(reason) at byte \(offset)")
    }
}
