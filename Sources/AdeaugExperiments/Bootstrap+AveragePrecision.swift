/// Average precision under the same resampling as F1: the same seed draws the same test
/// sentences, each counted as often as it was drawn (a sentence weight, so nothing is re-sorted).
extension Bootstrap {
    /// The interval of the seed-averaged AP (each seed's AP, averaged).
    public func averagePrecisionInterval(gold: [Bool], probabilities: [[Double]]) -> ConfidenceInterval {
        let ranked = probabilities.map { RankedScores(gold: gold, scores: $0) }
        func averaged(_ weights: [Double]?) -> Double {
            ranked.reduce(0) { $0 + AveragePrecision.of($1, weights: weights) } / Double(max(1, ranked.count))
        }
        var values: [Double] = []
        forEachResampleWeights(count: gold.count) { values.append(averaged($0)) }
        return .percentile(of: values, estimate: averaged(nil), level: level)
    }

    /// The seed-averaged AP difference `candidate − baseline`, seeds paired by position.
    public func pairedAveragePrecisionDifference(gold: [Bool], baseline: [[Double]], candidate: [[Double]]) -> BootstrapDifference {
        let pairs = min(baseline.count, candidate.count)
        let rankedBaseline = baseline.prefix(pairs).map { RankedScores(gold: gold, scores: $0) }
        let rankedCandidate = candidate.prefix(pairs).map { RankedScores(gold: gold, scores: $0) }
        func difference(_ weights: [Double]?) -> Double {
            var total = 0.0
            for seed in 0..<pairs {
                total += AveragePrecision.of(rankedCandidate[seed], weights: weights) - AveragePrecision.of(rankedBaseline[seed], weights: weights)
            }
            return total / Double(max(1, pairs))
        }
        var differences: [Double] = []
        forEachResampleWeights(count: gold.count) { differences.append(difference($0)) }
        return BootstrapDifference(differences: differences, estimate: difference(nil), level: level)
    }

    /// Each resample as how many times each sentence was drawn.
    func forEachResampleWeights(count: Int, _ body: ([Double]) -> Void) {
        var weights = [Double](repeating: 0, count: count)
        forEachResample(count: count) { indices in
            for position in weights.indices { weights[position] = 0 }
            for index in indices { weights[index] += 1 }
            body(weights)
        }
    }
}
