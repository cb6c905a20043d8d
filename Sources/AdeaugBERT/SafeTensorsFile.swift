import Foundation

/// A safetensors file read into memory: an 8-byte little-endian header length, a JSON header
/// mapping tensor names to dtype, shape and byte range, then the raw little-endian data.
///
/// Only the header is parsed up front; `floats(_:)` converts one tensor to `Float` on demand,
/// so loading a model touches each weight once.
public struct SafeTensorsFile: Sendable, CheckpointTensors {
    public struct TensorInfo: Sendable, Equatable {
        public var dtype: String
        public var shape: [Int]
        /// Byte range relative to the start of the data section.
        public var start: Int
        public var end: Int
    }

    public let path: String
    public let tensors: [String: TensorInfo]
    public let metadata: [String: String]
    private let bytes: Data
    private let dataStart: Int
    /// Whether `bytes` is this file's own read-only mapping, whose pages can be handed back to
    /// the kernel once copied (they stay in the page cache; reading them again maps them again).
    let isFileMapping: Bool

    /// Maps the file (read-only) rather than reading it: a model's weights are copied out of
    /// the mapping tensor by tensor, and the pages copied leave the process's resident memory
    /// as they are (`copyFloats`), so loading peaks at the weights plus a few MiB, not twice them.
    public init(path: String) throws(SafeTensorsError) {
        let data: Data
        do {
            data = try FileMapping.map(path)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        try self.init(data: data, path: path, isFileMapping: true)
    }

    public init(data: Data, path: String) throws(SafeTensorsError) {
        try self.init(data: data, path: path, isFileMapping: false)
    }

    private init(data: Data, path: String, isFileMapping: Bool) throws(SafeTensorsError) {
        self.path = path
        self.bytes = data
        self.isFileMapping = isFileMapping
        guard data.count >= 8 else { throw .truncatedHeader(path: path, fileSize: data.count) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(data[data.startIndex + i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw .truncatedHeader(path: path, fileSize: data.count)
        }
        dataStart = 8 + Int(headerLength)
        let headerData = data.subdata(in: data.startIndex + 8..<data.startIndex + dataStart)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: headerData)
        } catch {
            throw .badHeader(path: path, reason: "header (bytes 8..<\(dataStart)) is not JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw .badHeader(path: path, reason: "header is not a JSON object")
        }
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        let dataSize = data.count - dataStart
        for (name, value) in dictionary {
            if name == "__metadata__" {
                for (key, item) in value as? [String: Any] ?? [:] { metadata[key] = "\(item)" }
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                let shape = (entry["shape"] as? [NSNumber])?.map(\.intValue),
                let offsets = (entry["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2
            else { throw .badHeader(path: path, reason: "entry \(name) lacks dtype, shape or data_offsets") }
            guard offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw .badHeader(path: path, reason: "entry \(name) has data_offsets \(offsets)")
            }
            guard offsets[1] <= dataSize else {
                throw .truncatedData(path: path, tensor: name, end: dataStart + offsets[1], fileSize: data.count)
            }
            let info = TensorInfo(dtype: dtype, shape: shape, start: offsets[0], end: offsets[1])
            if let width = Self.byteWidth(dtype) {
                let expected = shape.reduce(1, *) * width
                guard expected == offsets[1] - offsets[0] else {
                    throw .badHeader(
                        path: path,
                        reason: "entry \(name) of shape \(shape) and dtype \(dtype) needs \(expected) bytes but data_offsets cover \(offsets[1] - offsets[0])")
                }
            }
            tensors[name] = info
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    static func byteWidth(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64": 8
        case "F32", "I32": 4
        case "F16", "BF16", "I16": 2
        case "I8", "U8", "BOOL": 1
        default: nil
        }
    }

    /// The tensor converted to `Float`, checked against `shape` when one is given.
    public func floats(_ name: String, shape expected: [Int]? = nil) throws(SafeTensorsError) -> [Float] {
        guard let info = tensors[name] else { throw .missingTensor(path: path, tensor: name) }
        if let expected, expected != info.shape {
            throw .wrongShape(path: path, tensor: name, expected: expected, found: info.shape)
        }
        let count = info.shape.reduce(1, *)
        let base = dataStart + info.start
        let decoded = bytes.withUnsafeBytes { raw in
            Self.decode(UnsafeRawBufferPointer(rebasing: raw[base..<(dataStart + info.end)]), dtype: info.dtype, count: count)
        }
        guard let decoded else { throw .unsupportedDType(path: path, tensor: name, dtype: info.dtype) }
        return decoded
    }

    /// Decodes in slices of `copySlice` bytes straight into `destination`, releasing each
    /// slice's mapped pages once decoded.
    func copyFloats(_ name: String, shape expected: [Int]?, into destination: UnsafeMutableBufferPointer<Float>) throws {
        guard let info = tensors[name] else { throw SafeTensorsError.missingTensor(path: path, tensor: name) }
        if let expected, expected != info.shape {
            throw SafeTensorsError.wrongShape(path: path, tensor: name, expected: expected, found: info.shape)
        }
        let count = info.shape.reduce(1, *)
        precondition(count == destination.count, "\(name): \(count) values for \(destination.count)")
        guard let width = Self.byteWidth(info.dtype) else { throw SafeTensorsError.unsupportedDType(path: path, tensor: name, dtype: info.dtype) }
        let perSlice = max(1, Self.copySlice / width)
        let decoded: Bool = bytes.withUnsafeBytes { raw in
            var first = 0
            while first < count {
                let end = min(first + perSlice, count)
                let start = dataStart + info.start + first * width, stop = dataStart + info.start + end * width
                let out = UnsafeMutableBufferPointer(rebasing: destination[first..<end])
                guard Self.decode(UnsafeRawBufferPointer(rebasing: raw[start..<stop]), dtype: info.dtype, into: out) else { return false }
                if isFileMapping { FileMapping.release(raw, range: start..<stop) }
                first = end
            }
            return true
        }
        guard decoded else { throw SafeTensorsError.unsupportedDType(path: path, tensor: name, dtype: info.dtype) }
    }

    static let copySlice = 4 << 20

    /// Rows `rows` of the 2-D tensor `name` (`width` values each) into the same rows of `table`,
    /// then the file's pages they were read from handed back (`FileMapping.release`), so only
    /// the copies stay resident. False for a tensor or dtype that cannot be read.
    func copyRows(_ name: String, _ rows: [Int], width: Int, into table: UnsafeMutablePointer<Float>) -> Bool {
        guard let info = tensors[name], let bytesPerValue = Self.byteWidth(info.dtype) else { return false }
        let rowBytes = width * bytesPerValue
        return bytes.withUnsafeBytes { raw in
            for row in rows {
                let start = dataStart + info.start + row * rowBytes
                let out = UnsafeMutableBufferPointer(start: table + row * width, count: width)
                guard Self.decode(UnsafeRawBufferPointer(rebasing: raw[start..<(start + rowBytes)]), dtype: info.dtype, into: out) else { return false }
            }
            // Only the span the rows came from: a call with a few new words releases a few pages.
            if isFileMapping, let first = rows.min(), let last = rows.max() {
                let base = dataStart + info.start
                FileMapping.release(raw, range: (base + first * rowBytes)..<(base + (last + 1) * rowBytes))
            }
            return true
        }
    }

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    public var names: [String] { Array(tensors.keys) }

    /// `count` little-endian values of `dtype` as `Float`; nil for a dtype adeaug cannot read.
    static func decode(_ source: UnsafeRawBufferPointer, dtype: String, count: Int) -> [Float]? {
        var result = [Float](repeating: 0, count: count)
        let ok = result.withUnsafeMutableBufferPointer { decode(source, dtype: dtype, into: $0) }
        return ok ? result : nil
    }

    /// Whether `decode` reads `dtype` (asked of `decode` itself, on no values, so the two cannot
    /// disagree; `byteWidth` also knows integer dtypes adeaug does not convert).
    static func reads(_ dtype: String) -> Bool {
        decode(UnsafeRawBufferPointer(start: nil, count: 0), dtype: dtype, into: UnsafeMutableBufferPointer(start: nil, count: 0))
    }

    /// `out.count` little-endian values of `dtype` as `Float` into `out`; false for a dtype
    /// adeaug cannot read.
    static func decode(_ source: UnsafeRawBufferPointer, dtype: String, into out: UnsafeMutableBufferPointer<Float>) -> Bool {
        let count = out.count
        switch dtype {
        case "F32":
            for i in 0..<count { out[i] = Float(bitPattern: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian) }
        case "F64":
            for i in 0..<count { out[i] = Float(Double(bitPattern: source.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian)) }
        case "F16":
            for i in 0..<count {
                out[i] = Self.halfToFloat(source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian)
            }
        case "BF16":
            for i in 0..<count {
                out[i] = Float(bitPattern: UInt32(source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) << 16)
            }
        case "I64":
            for i in 0..<count { out[i] = Float(Int64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))) }
        case "I32":
            for i in 0..<count { out[i] = Float(Int32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))) }
        default:
            return false
        }
        return true
    }

    /// IEEE 754 half precision to single, including subnormals, infinities and NaN.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 31 {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | (UInt32(exponent + 112) << 23) | (mantissa << 13))
    }
}
