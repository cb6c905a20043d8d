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

    public init(path: String) throws(SafeTensorsError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(data: data, path: path)
    }

    public init(data: Data, path: String) throws(SafeTensorsError) {
        self.path = path
        self.bytes = data
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

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    public var names: [String] { Array(tensors.keys) }

    /// `count` little-endian values of `dtype` as `Float`; nil for a dtype adeaug cannot read.
    static func decode(_ source: UnsafeRawBufferPointer, dtype: String, count: Int) -> [Float]? {
        var result = [Float](repeating: 0, count: count)
        let ok: Bool = result.withUnsafeMutableBufferPointer { out in
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
        return ok ? result : nil
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
