import AdeaugCore

/// Word edit distance from each sentence to its nearest training sentence: 0 is a copy, small
/// values a light paraphrase, large ones a sentence unlike any in training.
public struct NearestTrainingDistance: Sendable {
    private var vocabulary: [String: UInt64] = [:]
    /// Training sentences as word ids, grouped by length so far lengths are never compared.
    private var byLength: [Int: [[UInt64]]] = [:]

    public init(training: [String]) {
        for text in training {
            let ids = encode(text)
            byLength[ids.count, default: []].append(ids)
        }
    }

    private mutating func encode(_ text: String) -> [UInt64] {
        QualityText.words(text).map { word in
            if let id = vocabulary[word] { return id }
            let id = UInt64(vocabulary.count)
            vocabulary[word] = id
            return id
        }
    }

    /// The smallest distance; nil when there is no training sentence.
    ///
    /// Exact, not approximate: lengths are visited nearest first and each comparison is bounded
    /// by the best distance so far (a length difference is a lower bound on the distance), so
    /// the banded dynamic programme of `WordEditDistance` prunes nearly every pair.
    public func distance(_ text: String) -> Int? {
        let ids = QualityText.words(text).map { vocabulary[$0] ?? UInt64.max }
        guard !byLength.isEmpty else { return nil }
        var best = Int.max
        let lengths = byLength.keys.sorted { abs($0 - ids.count) < abs($1 - ids.count) || (abs($0 - ids.count) == abs($1 - ids.count) && $0 < $1) }
        for length in lengths {
            if abs(length - ids.count) >= best { break }
            for other in byLength[length]! {
                let limit = best == .max ? max(ids.count, length) : best - 1
                if let found = WordEditDistance.distance(ids, other, limit: limit) {
                    best = found
                    if best == 0 { return 0 }
                }
            }
        }
        return best
    }
}
