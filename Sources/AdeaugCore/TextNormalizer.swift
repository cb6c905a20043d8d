import Foundation

/// The normalisation under which two sentences count as the same text.
///
/// Steps, in order:
/// 1. Unicode NFKC (full-width forms, ligatures and compatibility characters fold to plain ones);
/// 2. typographic quotes, dashes and the non-breaking space map to their ASCII forms;
/// 3. lower case;
/// 4. every run of whitespace becomes one space, and leading/trailing space goes;
/// 5. spaces next to punctuation go (`"( MTX ) ."` and `"(MTX)."` are one text).
///
/// Digits and units are kept as they are: `5 mg` and `10 mg` stay different texts, and the
/// space inside `5 mg` stays (it is not next to punctuation).
public struct TextNormalizer: Sendable {
    public init() {}

    public func normalize(_ text: String) -> String {
        // ASCII text is its own NFKC form and needs no Unicode tables: the corpus is all ASCII,
        // and skipping Foundation's normalisation makes ingest several times faster.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let folded = isASCII ? text.lowercased() : text.precomposedStringWithCompatibilityMapping.lowercased()
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        var previousWasPunctuation = true  // drop leading space
        for scalar in folded.unicodeScalars {
            let mapped = Self.asciiEquivalent(scalar)
            if Self.isSpace(mapped) {
                pendingSpace = true
                continue
            }
            let isPunctuation = Self.isPunctuation(mapped)
            if pendingSpace && !previousWasPunctuation && !isPunctuation {
                output.append(" ")
            }
            pendingSpace = false
            output.append(mapped)
            previousWasPunctuation = isPunctuation
        }
        return String(output)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0x200B  // zero-width space
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func asciiEquivalent(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x2032: "'"
        case 0x201C, 0x201D, 0x201E, 0x2033: "\""
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: "-"
        case 0x00A0, 0x202F: " "
        default: scalar
        }
    }
}
