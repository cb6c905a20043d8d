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
        if let tokens = text.withUTF8({ Self.isASCII($0) ? Self.scanASCII($0) : nil }) {
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

    /// Eight bytes at a time: the check runs over every byte of the web text.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Byte classes for `scanASCII`.
    private static let separator: UInt8 = 0, letter: UInt8 = 1, digit: UInt8 = 2, sentenceEnd: UInt8 = 3
    private static let classes: [UInt8] = (0..<128).map { value -> UInt8 in
        switch value {
        case 0x41...0x5A, 0x61...0x7A: letter
        case 0x30...0x39: digit
        case 0x2E, 0x21, 0x3F, 0x0A: sentenceEnd
        default: separator
        }
    }

    /// The same tokens and boundaries as `scan`, for ASCII text, with a table instead of
    /// range tests: the index build's and the scan's hot loop. Must hash exactly as `scan`.
    private static func scanASCII(_ input: UnsafeBufferPointer<UInt8>) -> WebTextTokens {
        var tokens: [UInt64] = []
        tokens.reserveCapacity(input.count / 5)
        var boundaries: [Int] = []
        let count = input.count
        return classes.withUnsafeBufferPointer { table in
            var index = 0
            while index < count {
                let value = input[index]
                switch table[Int(value)] {
                case letter:
                    var hash = fnvOffset
                    while index < count, table[Int(input[index])] == letter {
                        hash = (hash ^ UInt64(input[index] | 0x20)) &* fnvPrime
                        index += 1
                    }
                    tokens.append(finish(hash))
                case digit:
                    var hash = numberSeed
                    while index < count {
                        let current = input[index]
                        if table[Int(current)] == digit {
                            hash = (hash ^ UInt64(current)) &* fnvPrime
                            index += 1
                        } else if current == 0x2E || current == 0x2C, index + 1 < count, table[Int(input[index + 1])] == digit {
                            hash = (hash ^ UInt64(current)) &* fnvPrime
                            index += 1
                        } else {
                            break
                        }
                    }
                    tokens.append(finish(hash))
                case sentenceEnd:
                    if boundaries.last != tokens.count { boundaries.append(tokens.count) }
                    index += 1
                default:
                    index += 1
                }
            }
            if boundaries.last != tokens.count { boundaries.append(tokens.count) }
            return WebTextTokens(tokens: tokens, sentenceEnds: boundaries)
        }
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
