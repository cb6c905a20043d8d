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
        let scalars = Array(normalized.unicodeScalars)
        var tokens: [UInt64] = []
        tokens.reserveCapacity(scalars.count / 5)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isDigit(scalar) {
                // A number: digits, with single '.' or ',' allowed between two digits.
                index += 1
                while index < scalars.count {
                    if Self.isDigit(scalars[index]) {
                        index += 1
                    } else if (scalars[index] == "." || scalars[index] == ","),
                        index + 1 < scalars.count, Self.isDigit(scalars[index + 1])
                    {
                        index += 2
                    } else {
                        break
                    }
                }
                tokens.append(Self.numberToken)
            } else if scalar.properties.isAlphabetic {
                var hash = Self.fnvOffset
                while index < scalars.count, scalars[index].properties.isAlphabetic,
                    !Self.isDigit(scalars[index])
                {
                    hash = (hash ^ UInt64(scalars[index].value)) &* Self.fnvPrime
                    index += 1
                }
                tokens.append(Self.finish(hash))
            } else {
                index += 1
            }
        }
        return tokens
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

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }
}
