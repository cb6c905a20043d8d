import AdeaugCore

/// Word edit distance from each sentence to its nearest training sentence: 0 is a copy, small
/// values a light paraphrase, large ones a sentence unlike any in training.
public struct NearestTrainingDistance: Sendable {
    private var vocabulary: [String: UInt64] = [:]
    /// Training sentences as word ids (in order, and sorted for the bag-of-words bound), grouped
    /// by length so far lengths are never compared.
    private var byLength: [Int: [(ids: [UInt64], sorted: [UInt64])]] = [:]

    public init(training: [String]) {
        for text in training {
            let ids = encode(text)
            byLength[ids.count, default: []].append((ids, ids.sorted()))
        }
    }

    /// Words two sorted id lists share, counted with multiplicity. An alignment keeps at most
    /// this many words unedited, so the edit distance is at least the longer length minus it.
    private static func sharedWords(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
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
    /// the banded dynamic programme of `WordEditDistance` prunes nearly every pair; a cheaper
    /// bag-of-words bound skips most pairs before the programme runs.
    public func distance(_ text: String) -> Int? {
        let ids = QualityText.words(text).map { vocabulary[$0] ?? UInt64.max }
        let sortedIDs = ids.sorted()
        guard !byLength.isEmpty else { return nil }
        var best = Int.max
        let lengths = byLength.keys.sorted { abs($0 - ids.count) < abs($1 - ids.count) || (abs($0 - ids.count) == abs($1 - ids.count) && $0 < $1) }
        for length in lengths {
            if abs(length - ids.count) >= best { break }
            for other in byLength[length]! {
                if best != .max && max(ids.count, length) - Self.sharedWords(sortedIDs, other.sorted) >= best { continue }
                let limit = best == .max ? max(ids.count, length) : best - 1
                if let found = WordEditDistance.distance(ids, other.ids, limit: limit) {
                    best = found
                    if best == 0 { return 0 }
                }
            }
        }
        return best
    }
}
