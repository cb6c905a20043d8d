#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The string members of a KMS JSON answer (`{"CiphertextBlob": "…", "Plaintext": "…", …}`),
/// read straight from the bytes.
///
/// Foundation's JSON readers would turn the base64 `Plaintext` into a `String`, which cannot be
/// zeroed. Here every string value stays a byte array (escapes resolved) that `zero()` wipes;
/// members that are not strings (numbers, nested objects) are checked for shape and skipped.
struct KMSAnswer {
    private(set) var strings: [String: [UInt8]] = [:]

    /// Nil unless `bytes` is exactly one JSON object (surrounding white space aside).
    init?(json bytes: [UInt8]) {
        var reader = Reader(bytes: bytes)
        // Filled in place: no second reference to the values may outlive `zero()`, or it would
        // wipe a copy.
        guard reader.object(into: &strings), reader.atEnd else {
            zero()
            return nil
        }
    }

    subscript(name: String) -> [UInt8]? { strings[name] }

    /// A member as text, for the non-secret ones (`__type`, `message`, `KeyId`).
    func text(_ name: String) -> String? { strings[name].map { String(decoding: $0, as: UTF8.self) } }

    /// Wipes every string value.
    mutating func zero() {
        for name in Array(strings.keys) { KMSSecretBytes.zero(&strings[name]!) }
        strings = [:]
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return index == bytes.count
            }
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// The top-level object into `members`: string members kept, the others validated and
        /// skipped. False when it is not one valid object (what was read stays in `members`).
        mutating func object(into members: inout [String: [UInt8]]) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                skipSpace()
                guard let name = string() else { return false }
                guard take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    guard let value = string() else { return false }
                    let key = String(decoding: name, as: UTF8.self)
                    if members[key] != nil { KMSSecretBytes.zero(&members[key]!) }
                    members[key] = value
                } else {
                    guard skipValue(depth: 0) else { return false }
                }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// A string at `index` (which is a quote), escapes resolved, as UTF-8 bytes.
        mutating func string() -> [UInt8]? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var value: [UInt8] = []
            value.reserveCapacity(64)
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return value
                case UInt8(ascii: "\\"):
                    guard escape(into: &value) else {
                        KMSSecretBytes.zero(&value)
                        return nil
                    }
                case 0..<0x20:
                    KMSSecretBytes.zero(&value)
                    return nil
                default:
                    value.append(byte)
                }
            }
            KMSSecretBytes.zero(&value)
            return nil
        }

        /// One escape after a backslash, appended to `value`; false when it is not valid JSON.
        mutating func escape(into value: inout [UInt8]) -> Bool {
            guard index < bytes.count else { return false }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): value.append(escape)
            case UInt8(ascii: "b"): value.append(0x08)
            case UInt8(ascii: "f"): value.append(0x0C)
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "r"): value.append(0x0D)
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return false }
                // A surrogate pair is two escapes; a lone surrogate becomes U+FFFD.
                if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
                    bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                {
                    let mark = index
                    index += 2
                    if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = mark
                    }
                }
                value.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                return false
            }
            return true
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var result: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                result = result << 4 | UInt32(digit)
                index += 1
            }
            return result
        }

        /// Skips one non-string value (object, array, number, true, false, null).
        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 32 else { return false }
            skipSpace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard var value = string() else { return false }
                KMSSecretBytes.zero(&value)
                return true
            case UInt8(ascii: "{"):
                index += 1
                if take(UInt8(ascii: "}")) { return true }
                repeat {
                    skipSpace()
                    guard var name = string() else { return false }
                    KMSSecretBytes.zero(&name)
                    guard take(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
                } while take(UInt8(ascii: ","))
                return take(UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                index += 1
                if take(UInt8(ascii: "]")) { return true }
                repeat {
                    guard skipValue(depth: depth + 1) else { return false }
                } while take(UInt8(ascii: ","))
                return take(UInt8(ascii: "]"))
            default:
                // A number or a literal: a run of the characters they are made of.
                let start = index
                while index < bytes.count, "0123456789+-.eEtruefalsn".utf8.contains(bytes[index]) { index += 1 }
                let word = bytes[start..<index]
                if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8) {
                    return true
                }
                return !word.isEmpty && word.allSatisfy { "0123456789+-.eE".utf8.contains($0) }
            }
        }
    }
}

/// Byte buffers that held key material: decoded and wiped without passing through `String`.
enum KMSSecretBytes {
    /// Overwrites the array's storage in place (the compiler may not drop the write), then empties it.
    static func zero(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            #if canImport(Glibc)
                explicit_bzero(base, buffer.count)
            #else
                _ = memset_s(base, buffer.count, 0, buffer.count)
            #endif
        }
        bytes.removeAll()
    }

    /// Standard base64 (RFC 4648 §4, padded, no white space), as KMS writes blobs; nil when invalid.
    static func base64Decode(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(text.count / 4 * 3)
        var quad: (UInt32, Int) = (0, 0)
        var padding = 0
        for (position, byte) in text.enumerated() {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                // Padding: only in the last two places of the text.
                guard position >= text.count - 2 else {
                    zero(&output)
                    return nil
                }
                padding += 1
                value = 0
            default:
                zero(&output)
                return nil
            }
            if padding > 0 && byte != UInt8(ascii: "=") {
                zero(&output)
                return nil
            }
            quad.0 = quad.0 << 6 | value
            quad.1 += 1
            if quad.1 == 4 {
                output.append(UInt8(truncatingIfNeeded: quad.0 >> 16))
                output.append(UInt8(truncatingIfNeeded: quad.0 >> 8))
                output.append(UInt8(truncatingIfNeeded: quad.0))
                quad = (0, 0)
            }
        }
        output.removeLast(padding)
        return output
    }
}
