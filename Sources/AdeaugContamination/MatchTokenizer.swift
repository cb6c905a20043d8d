import AdeaugCore

/// Turns a sentence into a `MatchText`.
///
/// After `TextNormalizer` (NFKC, case, whitespace), a token is a maximal run of letters or a
/// number; everything else (punctuation, symbols, spaces) only separates tokens, so
/// `azithromycin-induced`, `azithromycin induced` and `Azithromycin - induced` are the same two
/// words. A number is a run of digits with `.` or `,` between digits (`1.5`, `10,000`), and all
/// numbers hash to one value: doses and counts do not count as edits (`5 mg` ~ `10 mg`), while
/// the exact comparison, done on `normalized`, still tells them apart. Letters and digits split
/// (`5mg` → `#`, `mg`), so spacing around units does not matter either.
///
/// Tokens are hashed (64-bit FNV-1a) on the fly rather than kept as strings: matching only
/// compares tokens, and a hash comparison avoids both the allocation and the string compare.
public struct MatchTokenizer: Sendable {
    private let normalizer = TextNormalizer()

    /// The hash every number token gets.
    public static let numberToken: UInt64 = finish(fnvOffset ^ 0x23)  // "#"

    public init() {}

    public func prepare(_ text: String) -> MatchText {
        let normalized = normalizer.normalize(text)
        return MatchText(normalized: normalized, tokens: tokens(ofNormalized: normalized))
    }

    /// Tokens of text already passed through `TextNormalizer`.
    public func tokens(ofNormalized normalized: String) -> [UInt64] {
        var text = normalized
        // ASCII (nearly every sentence) is scanned byte by byte: Unicode property look-ups per
        // character were most of the check's time.
        if let tokens = text.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? Self.scan(bytes) : nil }) {
            return tokens
        }
        let scalars = normalized.unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { Self.scan($0) }
    }

    private static func scan<Element: FixedWidthInteger>(_ input: UnsafeBufferPointer<Element>) -> [UInt64] {
        var tokens: [UInt64] = []
        tokens.reserveCapacity(input.count / 5)
        let count = input.count
        var index = 0
        while index < count {
            let value = UInt32(truncatingIfNeeded: input[index])
            if isDigit(value) {
                // A number: digits, with single '.' or ',' allowed between two digits.
                index += 1
                while index < count {
                    let current = UInt32(truncatingIfNeeded: input[index])
                    if isDigit(current) {
                        index += 1
                    } else if current == 0x2E || current == 0x2C, index + 1 < count,
                        isDigit(UInt32(truncatingIfNeeded: input[index + 1]))
                    {
                        index += 2
                    } else {
                        break
                    }
                }
                tokens.append(numberToken)
            } else if isLetter(value) {
                var hash = fnvOffset
                while index < count {
                    let current = UInt32(truncatingIfNeeded: input[index])
                    guard isLetter(current) else { break }
                    hash = (hash ^ UInt64(current)) &* fnvPrime
                    index += 1
                }
                tokens.append(finish(hash))
            } else {
                index += 1
            }
        }
        return tokens
    }

    @inline(__always)
    private static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic && scalar.properties.generalCategory != .decimalNumber
    }

    @inline(__always)
    private static func isDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return Unicode.Scalar(value)?.properties.generalCategory == .decimalNumber
    }

    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// A final avalanche so that hashes of short tokens spread over all 64 bits.
    private static func finish(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        z = (z ^ (z >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return z ^ (z >> 33)
    }

}
