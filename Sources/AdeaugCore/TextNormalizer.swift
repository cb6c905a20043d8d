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
        // ASCII text is its own NFKC form: the corpus is all ASCII, and a byte loop over a
        // table built from the same rules is about twenty times faster than the scalar loop.
        var text = text
        if let ascii = text.withUTF8({ normalizeASCII($0) }) { return ascii }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
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

    /// Byte classes of ASCII, derived from the scalar rules below so both paths agree.
    private static let asciiClasses: [UInt8] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        if isSpace(scalar) { return 1 }
        if isPunctuation(scalar) { return 2 }
        return 0
    }

    /// The ASCII fast path; nil when the text holds a non-ASCII byte.
    private func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        Self.asciiClasses.withUnsafeBufferPointer { classes in
            var isASCII = true
            let result = String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingSpace = false
                var previousWasPunctuation = true
                for byte in bytes {
                    guard byte < 0x80 else {
                        isASCII = false
                        return 0
                    }
                    let kind = classes[Int(byte)]
                    if kind == 1 {
                        pendingSpace = true
                        continue
                    }
                    let isPunctuation = kind == 2
                    if pendingSpace && !previousWasPunctuation && !isPunctuation {
                        output[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    output[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    count += 1
                    previousWasPunctuation = isPunctuation
                }
                return count
            }
            return isASCII ? result : nil
        }
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
