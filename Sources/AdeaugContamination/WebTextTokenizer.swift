import Foundation

/// Word tokens of pretraining (web) text and of the sentences looked up in it, with sentence
/// boundaries for the short-sentence fallback.
///
/// Unlike `MatchTokenizer`, numbers keep their digits: the pretraining check asks whether text
/// appears verbatim, so `5 mg` and `10 mg` differ. Otherwise the same folding (NFKC, case;
/// punctuation and spaces only separate tokens). ASCII text, almost all of the web, skips NFKC (ASCII is already in NFKC) and
/// is read byte by byte: that is the index build's hot loop.
public struct WebTextTokenizer: Sendable {
    public init() {}

    /// Tokens and sentence boundaries of `text`.
    public func tokenize(_ text: String) -> WebTextTokens {
        var text = text
        if let tokens = text.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? Self.scan(bytes) : nil }) {
            return tokens
        }
        return tokenizeUnicode(text)
    }

    /// The general path: NFKC and lower case, then the same scan over Unicode scalars. Not
    /// `TextNormalizer`, whose removal of spaces around punctuation would join `5 , 6` into one
    /// number here but not on the ASCII path; every other step of it only touches characters
    /// that separate tokens anyway.
    func tokenizeUnicode(_ text: String) -> WebTextTokens {
        let scalars = text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { Self.scan($0) }
    }

    private static func scan<Element: FixedWidthInteger>(_ input: UnsafeBufferPointer<Element>) -> WebTextTokens {
        var tokens: [UInt64] = []
        tokens.reserveCapacity(input.count / 5)
        var boundaries: [Int] = []
        var index = 0
        let count = input.count
        while index < count {
            let value = UInt32(truncatingIfNeeded: input[index])
            if isDigit(value) {
                var hash = numberSeed
                while index < count {
                    let current = UInt32(truncatingIfNeeded: input[index])
                    if isDigit(current) {
                        hash = (hash ^ UInt64(current)) &* fnvPrime
                        index += 1
                    } else if current == 0x2E || current == 0x2C, index + 1 < count,
                        isDigit(UInt32(truncatingIfNeeded: input[index + 1]))
                    {
                        hash = (hash ^ UInt64(current)) &* fnvPrime
                        index += 1
                    } else {
                        break
                    }
                }
                tokens.append(finish(hash))
            } else if let first = letter(value) {
                var hash = (fnvOffset ^ UInt64(first)) &* fnvPrime
                index += 1
                while index < count, let next = letter(UInt32(truncatingIfNeeded: input[index])) {
                    hash = (hash ^ UInt64(next)) &* fnvPrime
                    index += 1
                }
                tokens.append(finish(hash))
            } else {
                // '.', '!', '?' and line breaks end a sentence (inside a number '.' was consumed above).
                if value == 0x2E || value == 0x21 || value == 0x3F || value == 0x0A {
                    if boundaries.last != tokens.count { boundaries.append(tokens.count) }
                }
                index += 1
            }
        }
        if boundaries.last != tokens.count { boundaries.append(tokens.count) }
        return WebTextTokens(tokens: tokens, sentenceEnds: boundaries)
    }

    /// The lower-case letter for `value`, or nil when it is not a letter.
    @inline(__always)
    private static func letter(_ value: UInt32) -> UInt32? {
        if value < 0x80 {
            if value >= 0x61 && value <= 0x7A { return value }
            if value >= 0x41 && value <= 0x5A { return value | 0x20 }
            return nil
        }
        guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic,
            scalar.properties.generalCategory != .decimalNumber
        else { return nil }
        // Non-ASCII text was lower-cased before the scan.
        return value
    }

    @inline(__always)
    private static func isDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return Unicode.Scalar(value)?.properties.generalCategory == .decimalNumber
    }

    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
    private static let numberSeed: UInt64 = 0x84222325_cbf29ce4

    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        z = (z ^ (z >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return z ^ (z >> 33)
    }
}
