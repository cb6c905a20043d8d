/// Levenshtein distance over token sequences, bounded: the near-duplicate check only needs to
/// know whether the distance is at most a small `limit`, so the dynamic programme runs in a
/// band of width 2·limit+1 and stops as soon as every cell of a row exceeds the limit.
/// In core because both the contamination check and the report's quality section (distance of
/// each candidate to its nearest training sentence) measure with it.
public enum WordEditDistance {
    /// The edit distance of `a` and `b` when it is at most `limit`, else nil.
    public static func distance(_ a: [UInt64], _ b: [UInt64], limit: Int) -> Int? {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let n = short.count
        let m = long.count
        guard m - n <= limit else { return nil }
        if n == 0 { return m }
        let big = limit + 1
        // previous[j] = distance(long[0..<i], short[0..<j]); cells outside the band are `big`.
        var previous = [Int](repeating: big, count: n + 1)
        var current = [Int](repeating: big, count: n + 1)
        for j in 0...min(n, limit) { previous[j] = j }
        for i in 1...m {
            let low = max(1, i - limit)
            let high = min(n, i + limit)
            for j in 0...n { current[j] = big }
            if i <= limit { current[0] = i }
            var rowMinimum = current[0]
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (long[i - 1] == short[j - 1] ? 0 : 1)
                    let deletion = previous[j] + 1
                    let insertion = current[j - 1] + 1
                    let value = min(substitution, deletion, insertion, big)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[n] <= limit ? previous[n] : nil
    }
}
