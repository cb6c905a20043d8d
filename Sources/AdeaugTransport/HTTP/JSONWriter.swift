/// Builds small JSON objects directly as bytes.
///
/// Request bodies are written for every request on the client's hot path; appending escaped
/// strings to one buffer is several times cheaper than `JSONEncoder` and keeps key order fixed,
/// so that a request's stored body is byte-for-byte what was sent.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() { bytes.reserveCapacity(2048) }

    public mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    public mutating func endArray() { close("]") }

    public mutating func string(_ key: String?, _ value: String) {
        separator(key)
        appendString(value)
    }

    public mutating func int(_ key: String?, _ value: Int) {
        separator(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func uint(_ key: String?, _ value: UInt64) {
        separator(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func double(_ key: String?, _ value: Double) {
        separator(key)
        bytes.append(contentsOf: value.description.utf8)
    }

    public mutating func bool(_ key: String?, _ value: Bool) {
        separator(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func open(_ key: String?, _ bracket: Character) {
        separator(key)
        bytes.append(bracket.asciiValue!)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: Character) {
        needsComma.removeLast()
        bytes.append(bracket.asciiValue!)
    }

    private mutating func separator(_ key: String?) {
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
        if let key {
            appendString(key)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
