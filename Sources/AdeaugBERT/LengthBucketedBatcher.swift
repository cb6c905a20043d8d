import AdeaugCore

/// Batches of similar length, in a seeded random order (Hugging Face's `group_by_length`):
/// shuffle, cut into mega-batches of 50 batches, sort each by length, cut into batches, and
/// shuffle the batches. Similar lengths keep attention blocks even; the randomness stays.
public struct LengthBucketedBatcher: Sendable {
    public var batchSize: Int
    public var megaBatchFactor: Int

    public init(batchSize: Int, megaBatchFactor: Int = 50) {
        self.batchSize = batchSize
        self.megaBatchFactor = megaBatchFactor
    }

    /// Index batches over `lengths` for one epoch.
    public func batches(lengths: [Int], generator: inout SeededGenerator) -> [[Int]] {
        let order = Array(lengths.indices).deterministicallyShuffled(using: &generator)
        var batches: [[Int]] = []
        let mega = batchSize * megaBatchFactor
        var start = 0
        while start < order.count {
            let chunk = order[start..<min(start + mega, order.count)].sorted {
                lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1
            }
            var i = 0
            while i < chunk.count {
                batches.append(Array(chunk[i..<min(i + batchSize, chunk.count)]))
                i += batchSize
            }
            start += mega
        }
        return batches.deterministicallyShuffled(using: &generator)
    }

    /// Batches in length order without shuffling (evaluation and prediction), each at most
    /// `batchSize` sentences and, when more than one, at most `maxTokens` padded tokens (its
    /// sentences × its longest, which is its first): a pass's memory and time stay bounded.
    public static func sortedBatches(lengths: [Int], batchSize: Int, maxTokens: Int = .max) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        var batches: [[Int]] = []
        var start = 0
        while start < order.count {
            let fitting = max(1, maxTokens / max(1, lengths[order[start]]))
            let end = min(start + min(batchSize, fitting), order.count)
            batches.append(Array(order[start..<end]))
            start = end
        }
        return batches
    }
}
