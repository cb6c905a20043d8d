/// Finds which annotated names (drugs, or effects) a sentence contains, as whole words.
///
/// Names are matched as word sequences (the same split as every quality measure), so "rash"
/// is found in "a rash, then" but not in "brashly". Hand-written: a set lookup of each word
/// n-gram up to the longest name is all it takes, and it is linear in the sentence.
public struct NamedTerms: Sendable {
    private let names: Set<[String]>
    private let longest: Int

    public init(names: some Sequence<String>) {
        let split = names.map { QualityText.words($0) }.filter { !$0.isEmpty }
        self.names = Set(split)
        longest = split.map(\.count).max() ?? 0
    }

    /// The names (as lower-case words joined by spaces) that `text` contains.
    public func found(in text: String) -> Set<String> {
        let words = QualityText.words(text)
        var result: Set<String> = []
        guard longest > 0 else { return result }
        for start in words.indices {
            for length in 1...min(longest, words.count - start) {
                let slice = Array(words[start..<(start + length)])
                if names.contains(slice) { result.insert(slice.joined(separator: " ")) }
            }
        }
        return result
    }

    /// Distinct names found across `texts`.
    public func distinct(in texts: [String]) -> Set<String> {
        texts.reduce(into: Set<String>()) { $0.formUnion(found(in: $1)) }
    }
}
