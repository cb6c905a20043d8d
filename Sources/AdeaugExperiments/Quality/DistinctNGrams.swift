/// distinct-n (Li et al. 2016): distinct word n-grams over all n-grams of a set of sentences;
/// 1 means no n-gram repeats anywhere in the set, values near 0 a set that says the same thing.
public enum DistinctNGrams {
    /// Nil when the set holds no n-gram of this length.
    public static func ratio(_ sentences: [String], n: Int) -> Double? {
        var total = 0
        var distinct: Set<ArraySlice<String>> = []
        for sentence in sentences {
            let words = QualityText.words(sentence)
            guard words.count >= n else { continue }
            for start in 0...(words.count - n) {
                distinct.insert(words[start..<(start + n)])
                total += 1
            }
        }
        return total == 0 ? nil : Double(distinct.count) / Double(total)
    }
}
