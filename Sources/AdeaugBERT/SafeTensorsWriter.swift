import Foundation

/// Serialises named F32 tensors as a safetensors file (header JSON padded to 8 bytes, as the
/// reference implementation does, so the data section stays aligned).
public struct SafeTensorsWriter {
    private var entries: [(name: String, shape: [Int], values: UnsafeBufferPointer<Float>)] = []

    public init() {}

    /// Adds a tensor; `values` must stay valid until `data()` is called.
    public mutating func add(_ name: String, shape: [Int], values: UnsafeBufferPointer<Float>) {
        precondition(shape.reduce(1, *) == values.count, "tensor \(name): shape \(shape) does not match \(values.count) values")
        entries.append((name, shape, values))
    }

    public func data(metadata: [String: String] = ["format": "pt"]) -> Data {
        var header = "{"
        if !metadata.isEmpty {
            let items = metadata.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }
            header += "\"__metadata__\":{\(items.joined(separator: ","))},"
        }
        var offset = 0
        var parts: [String] = []
        for entry in entries {
            let size = entry.values.count * 4
            parts.append("\"\(entry.name)\":{\"dtype\":\"F32\",\"shape\":[\(entry.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var data = Data(capacity: 8 + headerBytes.count + offset)
        var length = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        for entry in entries {
            // Floats are little-endian on every platform Swift runs on here.
            data.append(UnsafeBufferPointer(start: entry.values.baseAddress, count: entry.values.count))
        }
        return data
    }
}
