import AdeaugExperiments
import Foundation
import Testing

/// The statistics checked against answers computed by hand.
@Suite struct StatisticsTests {
    @Test func mcNemarExactPValueByHand() {
        // b = 10, c = 2: p = 2 × [C(12,0) + C(12,1) + C(12,2)] / 2^12 = 2 × 79 / 4096.
        let test = McNemarTest(firstOnlyCorrect: 10, secondOnlyCorrect: 2)
        #expect(abs(test.exactPValue - 158.0 / 4096.0) < 1e-12)
        // Chi-square with continuity correction: (|10 − 2| − 1)² / 12 = 49 / 12.
        #expect(abs(test.chiSquare - 49.0 / 12.0) < 1e-12)
        #expect(McNemarTest(firstOnlyCorrect: 5, secondOnlyCorrect: 5).exactPValue == 1)
        #expect(McNemarTest(firstOnlyCorrect: 0, secondOnlyCorrect: 0).exactPValue == 1)
    }

    @Test func mcNemarCountsDiscordantPairs() {
        let gold = [true, true, false, false, true]
        let first = [true, false, false, true, true]  // right, wrong, right, wrong, right
        let second = [false, true, false, false, true]  // wrong, right, right, right, right
        let test = McNemarTest(gold: gold, first: first, second: second)
        #expect(test.firstOnlyCorrect == 1)
        #expect(test.secondOnlyCorrect == 2)
    }

    @Test func percentileIntervalByHand() {
        // 0…100: the 2.5% and 97.5% quantiles by linear interpolation are 2.5 and 97.5.
        let interval = ConfidenceInterval.percentile(of: (0...100).map(Double.init), estimate: 50)
        #expect(abs(interval.lower - 2.5) < 1e-12)
        #expect(abs(interval.upper - 97.5) < 1e-12)
        // 1, 2, 3, 4: position 0.025 × 3 = 0.075 → 1.075; 0.975 × 3 = 2.925 → 3.925.
        let small = ConfidenceInterval.percentile(of: [4, 1, 3, 2], estimate: 2.5)
        #expect(abs(small.lower - 1.075) < 1e-12)
        #expect(abs(small.upper - 3.925) < 1e-12)
    }

    @Test func scoresByHand() {
        let scores = DetectionScores(gold: [true, true, true, false, false], predicted: [true, true, false, true, false])
        #expect(scores.precision == 2.0 / 3.0)
        #expect(scores.recall == 2.0 / 3.0)
        #expect(abs(scores.f1 - 2.0 / 3.0) < 1e-12)
    }

    @Test func perfectPredictionsHaveADegenerateInterval() {
        let gold = (0..<200).map { $0 % 4 == 0 }
        let intervals = Bootstrap(resamples: 200).intervals(gold: gold, predictions: [gold])
        #expect(intervals.f1.lower == 1 && intervals.f1.upper == 1 && intervals.f1.estimate == 1)
    }

    @Test func bootstrapIntervalMatchesTheNormalApproximationForRecall() {
        // 400 positives, 300 found: recall 0.75, standard error sqrt(0.75 × 0.25 / 400) ≈ 0.0217,
        // so the 95% interval is about ±0.042 (the positive count varies a little across resamples).
        let gold = [Bool](repeating: true, count: 400) + [Bool](repeating: false, count: 400)
        let predicted = (0..<400).map { $0 < 300 } + [Bool](repeating: false, count: 400)
        let recall = Bootstrap().intervals(gold: gold, predictions: [predicted]).recall
        #expect(abs(recall.estimate - 0.75) < 1e-12)
        #expect(abs((recall.upper - recall.lower) / 2 - 0.0424) < 0.006)
    }

    @Test func pairedDifferenceOfIdenticalModelsIsZero() {
        let gold = (0..<300).map { $0 % 3 == 0 }
        let predicted = (0..<300).map { $0 % 3 == 0 || $0 % 7 == 0 }
        let difference = Bootstrap(resamples: 300).pairedF1Difference(gold: gold, baseline: [predicted], candidate: [predicted])
        #expect(difference.interval.estimate == 0 && difference.interval.lower == 0 && difference.interval.upper == 0)
        #expect(difference.bootstrapPValue == 1)
        #expect(difference.mcNemar.exactPValue == 1)
    }

    @Test func aClearImprovementIsSignificant() {
        let gold = (0..<1000).map { $0 % 5 == 0 }
        let weak = gold.enumerated().map { $0.offset % 10 == 0 ? $0.element : false }  // finds half the positives
        let difference = Bootstrap(resamples: 500).pairedF1Difference(gold: gold, baseline: [weak], candidate: [gold])
        #expect(difference.interval.lower > 0.2)
        #expect(difference.bootstrapPValue < 0.01)
        #expect(difference.mcNemar.exactPValue < 1e-10)
    }

    @Test func seedSummary() {
        let summary = SeedSummary([0.8, 0.9, 1.0])
        #expect(abs(summary.mean - 0.9) < 1e-12)
        #expect(abs(summary.standardDeviation - 0.1) < 1e-12)
    }
}
