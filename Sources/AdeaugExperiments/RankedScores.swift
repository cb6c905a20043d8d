/// Scores sorted from highest down, grouped by equal score: the operating points a
/// threshold can reach, which average precision, precision-recall curves and the
/// validation threshold all walk.
///
/// Sorted once; `operatingPoints(weights:)` then walks in O(n), so a bootstrap resample
/// (given as how many times each sentence was drawn) costs no sort.
public struct RankedScores: Sendable {
    public struct OperatingPoint: Sendable, Hashable {
        /// Everything scoring at least this is called positive.
        public var threshold: Double
        public var truePositives: Double
        public var falsePositives: Double
    }

    let gold: [Bool]
    let scores: [Double]
    /// Indices from the highest score down.
    let order: [Int]

    public init(gold: [Bool], scores: [Double]) {
        precondition(gold.count == scores.count)
        self.gold = gold
        self.scores = scores
        order = scores.indices.sorted { scores[$0] > scores[$1] }
    }

    /// Weighted positives in the data (each sentence counted `weights[i]` times, or once).
    public func positives(weights: [Double]? = nil) -> Double {
        var total = 0.0
        for index in gold.indices where gold[index] { total += weights?[index] ?? 1 }
        return total
    }

    /// Cumulative true and false positives at each distinct score, from the highest down
    /// (scikit-learn's `_binary_clf_curve`, with sample weights).
    public func operatingPoints(weights: [Double]? = nil) -> [OperatingPoint] {
        var points: [OperatingPoint] = []
        points.reserveCapacity(order.count)
        var truePositives = 0.0, falsePositives = 0.0
        for (rank, index) in order.enumerated() {
            let weight = weights?[index] ?? 1
            if gold[index] { truePositives += weight } else { falsePositives += weight }
            let isLastOfTie = rank == order.count - 1 || scores[order[rank + 1]] != scores[index]
            if isLastOfTie {
                points.append(OperatingPoint(threshold: scores[index], truePositives: truePositives, falsePositives: falsePositives))
            }
        }
        return points
    }
}
