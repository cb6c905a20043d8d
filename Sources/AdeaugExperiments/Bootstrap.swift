import AdeaugCore

/// Resampling test sentences with replacement: how much a score would move on another test
/// set of the same size drawn from the same population.
///
/// A condition trained with several seeds has one prediction vector per seed; each resample
/// scores every seed on the same sentences and averages, so the interval is for the
/// seed-averaged score. Paired differences resample the same sentences for both conditions
/// and pair seeds by position, which is what makes a difference on one test set meaningful.
/// Percentile intervals, `resamples` (default 2,000) seeded resamples: reports are reproducible.
public struct Bootstrap: Sendable {
    public var resamples: Int
    public var seed: UInt64
    public var level: Double

    public init(resamples: Int = 2_000, seed: UInt64 = 20_240_601, level: Double = 0.95) {
        self.resamples = resamples
        self.seed = seed
        self.level = level
    }

    /// Intervals for precision, recall and F1 averaged over the seeds' predictions.
    public func intervals(gold: [Bool], predictions: [[Bool]]) -> ScoreIntervals {
        func averaged(_ indices: [Int]?) -> (Double, Double, Double) {
            var p = 0.0, r = 0.0, f = 0.0
            for predicted in predictions {
                let scores = indices.map { DetectionScores(gold: gold, predicted: predicted, indices: $0) }
                    ?? DetectionScores(gold: gold, predicted: predicted)
                p += scores.precision
                r += scores.recall
                f += scores.f1
            }
            let n = Double(max(1, predictions.count))
            return (p / n, r / n, f / n)
        }
        let full = averaged(nil)
        var precision: [Double] = [], recall: [Double] = [], f1: [Double] = []
        forEachResample(count: gold.count) { indices in
            let (p, r, f) = averaged(indices)
            precision.append(p)
            recall.append(r)
            f1.append(f)
        }
        return ScoreIntervals(
            precision: .percentile(of: precision, estimate: full.0, level: level),
            recall: .percentile(of: recall, estimate: full.1, level: level),
            f1: .percentile(of: f1, estimate: full.2, level: level))
    }

    /// The F1 difference `candidate − baseline` (seed-averaged), its interval, and a two-sided
    /// p-value: twice the share of resampled differences on the far side of zero.
    public func pairedF1Difference(gold: [Bool], baseline: [[Bool]], candidate: [[Bool]]) -> PairedDifference {
        func difference(_ indices: [Int]?) -> Double {
            let pairs = min(baseline.count, candidate.count)
            var total = 0.0
            for seed in 0..<pairs {
                let b = indices.map { DetectionScores(gold: gold, predicted: baseline[seed], indices: $0) }
                    ?? DetectionScores(gold: gold, predicted: baseline[seed])
                let c = indices.map { DetectionScores(gold: gold, predicted: candidate[seed], indices: $0) }
                    ?? DetectionScores(gold: gold, predicted: candidate[seed])
                total += c.f1 - b.f1
            }
            return total / Double(max(1, pairs))
        }
        var differences: [Double] = []
        forEachResample(count: gold.count) { differences.append(difference($0)) }
        let summary = BootstrapDifference(differences: differences, estimate: difference(nil), level: level)
        return PairedDifference(
            interval: summary.interval,
            bootstrapPValue: summary.bootstrapPValue,
            mcNemar: McNemarTest(gold: gold, first: Self.majorityVote(baseline), second: Self.majorityVote(candidate)))
    }

    /// The label most seeds predicted (ties go to the positive class).
    static func majorityVote(_ predictions: [[Bool]]) -> [Bool] {
        guard let first = predictions.first else { return [] }
        return first.indices.map { index in
            let votes = predictions.lazy.filter { $0[index] }.count
            return 2 * votes >= predictions.count
        }
    }

    /// Calls `body` with each resample's drawn indices; the same seed draws the same resamples
    /// for every score, so all of a report's intervals are over the same resampled test sets.
    func forEachResample(count: Int, _ body: ([Int]) -> Void) {
        guard count > 0 else { return }
        var generator = SeededGenerator(seed: seed)
        var indices = [Int](repeating: 0, count: count)
        for _ in 0..<resamples {
            for position in 0..<count { indices[position] = generator.nextInt(below: count) }
            body(indices)
        }
    }
}

public struct ScoreIntervals: Sendable, Hashable, Codable {
    public var precision: ConfidenceInterval
    public var recall: ConfidenceInterval
    public var f1: ConfidenceInterval
}

public struct PairedDifference: Sendable, Hashable, Codable {
    public var interval: ConfidenceInterval
    /// Paired bootstrap p-value for "no difference in F1".
    public var bootstrapPValue: Double
    /// McNemar's test on the seeds' majority-vote predictions.
    public var mcNemar: McNemarTest
}

/// A paired bootstrap difference without a McNemar test (for scores of rankings, not labels).
public struct BootstrapDifference: Sendable, Hashable, Codable {
    public var interval: ConfidenceInterval
    /// Twice the share of resampled differences on the far side of zero.
    public var bootstrapPValue: Double

    init(differences: [Double], estimate: Double, level: Double) {
        let atOrBelowZero = differences.lazy.filter { $0 <= 0 }.count
        let atOrAboveZero = differences.lazy.filter { $0 >= 0 }.count
        let tail = Double(min(atOrBelowZero, atOrAboveZero)) / Double(max(1, differences.count))
        interval = .percentile(of: differences, estimate: estimate, level: level)
        bootstrapPValue = min(1, 2 * tail)
    }
}
