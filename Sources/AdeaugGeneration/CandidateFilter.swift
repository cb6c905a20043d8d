import AdeaugCore

/// Splits a completion into candidate sentences and applies generation's own filters.
///
/// A completion may hold several lines (chat models, or a model that keeps going); each line is
/// one candidate once prompt scaffolding (`Sentence:`, numbering, bullets, quotes, `###`) is
/// taken off. Only the last line can be cut by the token limit, so only it counts as truncated.
public struct CandidateFilter: Sendable {
    public var minimumWords = 5
    public var maximumWords = 80
    public var maximumCharacters = 600

    public init() {}

    public struct Verdict: Sendable, Hashable {
        public var text: String
        public var reason: FilterReason
    }

    /// Every candidate of `completion` with its verdict; at least one (an `empty` one) per completion.
    public func judge(_ completion: Completion, shownExamples: [String]) -> [Verdict] {
        let normalizer = TextNormalizer()
        let shown = shownExamples.map { normalizer.normalize($0) }
        var text = completion.text
        if let separator = text.utf8.firstRange(of: "###".utf8) { text = String(text[..<separator.lowerBound]) }
        let lines = text.split(whereSeparator: \.isNewline).map { Self.clean(String($0)) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return [Verdict(text: "", reason: .empty)] }
        return lines.enumerated().map { offset, line in
            let isLast = offset == lines.count - 1
            return Verdict(text: line, reason: reason(for: line, truncated: isLast && completion.wasTruncated, shown: shown, normalizer: normalizer))
        }
    }

    private func reason(for line: String, truncated: Bool, shown: [String], normalizer: TextNormalizer) -> FilterReason {
        if truncated { return .truncated }
        if Self.isNonText(line) { return .nonText }
        let words = line.split(whereSeparator: \.isWhitespace).count
        if words < minimumWords { return .tooShort }
        if words > maximumWords || line.count > maximumCharacters { return .tooLong }
        let normalized = normalizer.normalize(line)
        if shown.contains(where: { normalized == $0 || ($0.count > 20 && normalized.contains($0)) }) {
            return .copyOfExample
        }
        return .accepted
    }

    /// Takes off what the prompt layout leaves around a sentence.
    static func clean(_ line: String) -> String {
        var text = Substring(line).trimmingCharacters(in: .whitespaces)[...]
        for prefix in ["sentence:", "new sentence:", "answer:", "- ", "* ", "• "] {
            if text.lowercased().hasPrefix(prefix) {
                text = text.dropFirst(prefix.count).drop(while: \.isWhitespace)
            }
        }
        // "3. ", "3) "
        let digits = text.prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 2 {
            let rest = text.dropFirst(digits.count)
            if let first = rest.first, first == "." || first == ")", rest.dropFirst().first?.isWhitespace == true {
                text = rest.dropFirst().drop(while: \.isWhitespace)
            }
        }
        var result = String(text).trimmingCharacters(in: .whitespaces)
        if result.count >= 2, let first = result.first, let last = result.last,
            (first == "\"" && last == "\"") || (first == "“" && last == "”")
        {
            result = String(result.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    static func isNonText(_ line: String) -> Bool {
        let bytes = line.utf8
        if bytes.firstRange(of: "://".utf8) != nil || bytes.firstRange(of: "```".utf8) != nil
            || bytes.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") })
        { return true }
        var letters = 0
        var others = 0
        for scalar in line.unicodeScalars where !scalar.properties.isWhitespace {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .privateUse
                || scalar.value == 0xFFFD
            { return true }
            if scalar.properties.isAlphabetic { letters += 1 } else { others += 1 }
        }
        return letters == 0 || Double(letters) < 0.6 * Double(letters + others)
    }
}
