@testable import AdeaugExperiments
import Testing

/// Average precision against values worked out by hand with scikit-learn's definition
/// AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ, one term per distinct score from the highest down.
@Suite struct AveragePrecisionTests {
    @Test func matchesTheHandComputedStepSum() {
        // scikit-learn's documentation example. Ranked: 0.8 (+), 0.4 (−), 0.35 (+), 0.1 (−).
        // Terms: (0.5 − 0) · 1/1 + (0.5 − 0.5) · 1/2 + (1 − 0.5) · 2/3 + (1 − 1) · 2/4 = 5/6.
        let ap = AveragePrecision.of(gold: [false, false, true, true], scores: [0.1, 0.4, 0.35, 0.8])
        #expect(abs(ap - 5.0 / 6.0) < 1e-12)
    }

    @Test func countsTiedScoresAsOneThreshold() {
        // One threshold at 0.5 reaches both sentences: R = 1, P = 1/2, so AP = 1/2 whichever
        // order a sort leaves them in (breaking the tie positive-first would give 1).
        #expect(AveragePrecision.of(gold: [false, true], scores: [0.5, 0.5]) == 0.5)
        #expect(AveragePrecision.of(gold: [true, false], scores: [0.5, 0.5]) == 0.5)
        // 0.9 (+): R ½, P 1; {0.5, 0.5} (+, −): R 1, P 2/3; 0.1 (−): R 1. AP = ½ + ½ · ⅔ = 5/6.
        let ap = AveragePrecision.of(gold: [true, false, true, false], scores: [0.5, 0.5, 0.9, 0.1])
        #expect(abs(ap - 5.0 / 6.0) < 1e-12)
    }

    @Test func perfectAndWorstRankings() {
        #expect(AveragePrecision.of(gold: [true, true, false, false], scores: [0.9, 0.8, 0.2, 0.1]) == 1)
        // Both positives last of 4: ½ · ⅓ + ½ · 2/4 = 5/12.
        let worst = AveragePrecision.of(gold: [true, true, false, false], scores: [0.1, 0.2, 0.8, 0.9])
        #expect(abs(worst - 5.0 / 12.0) < 1e-12)
        #expect(AveragePrecision.of(gold: [false, false], scores: [0.3, 0.7]) == 0)
    }

    @Test func weightsEqualRepeatedSentences() {
        let gold = [true, false, true, false, false, true]
        let scores = [0.9, 0.7, 0.6, 0.6, 0.2, 0.1]
        let weights = [2.0, 0, 1, 3, 1, 2]
        var repeatedGold: [Bool] = [], repeatedScores: [Double] = []
        for index in gold.indices {
            for _ in 0..<Int(weights[index]) {
                repeatedGold.append(gold[index])
                repeatedScores.append(scores[index])
            }
        }
        let weighted = AveragePrecision.of(RankedScores(gold: gold, scores: scores), weights: weights)
        #expect(abs(weighted - AveragePrecision.of(gold: repeatedGold, scores: repeatedScores)) < 1e-12)
    }

    @Test func aShiftOfEveryProbabilityLeavesAPButNotF1AtHalf() {
        let gold = (0..<200).map { $0 % 10 == 0 }
        let baseline = gold.indices.map { index in (gold[index] ? 0.3 : 0.05) + Double(index % 7) * 0.03 }
        let shifted = baseline.map { $0 + 0.3 }
        let bootstrap = Bootstrap(resamples: 200)
        let ap = bootstrap.pairedAveragePrecisionDifference(gold: gold, baseline: [baseline], candidate: [shifted])
        #expect(ap.interval.estimate == 0 && ap.interval.lower == 0 && ap.interval.upper == 0)
        let f1 = bootstrap.pairedF1Difference(gold: gold, baseline: [baseline.map { $0 >= 0.5 }], candidate: [shifted.map { $0 >= 0.5 }])
        #expect(f1.interval.lower > 0)
        #expect(ComparisonHeadline.verdict(f1: f1.interval, ap: ap.interval).contains("threshold shift"))
    }

    @Test func apIntervalCoversItsEstimateAndIsSeeded() {
        let gold = (0..<300).map { $0 % 20 == 0 }
        let seeds = (0..<3).map { seed in gold.indices.map { index in (gold[index] ? 0.4 : 0.1) + Double((index * (seed + 3)) % 11) * 0.04 } }
        let interval = Bootstrap(resamples: 300).averagePrecisionInterval(gold: gold, probabilities: seeds)
        #expect(interval.lower <= interval.estimate && interval.estimate <= interval.upper)
        #expect(interval.lower < interval.upper)
        let mean = seeds.map { AveragePrecision.of(gold: gold, scores: $0) }.reduce(0, +) / 3
        #expect(abs(interval.estimate - mean) < 1e-12)
        #expect(Bootstrap(resamples: 300).averagePrecisionInterval(gold: gold, probabilities: seeds) == interval)
    }
}

@Suite struct ValidationThresholdTests {
    @Test func picksTheThresholdWithTheBestValidationF1() {
        // Thresholds 0.9: TP1 FP0 → F1 2/4; 0.8: TP1 FP1 → 2/5; 0.6: TP2 FP1 → 4/6;
        // 0.3: TP3 FP1 → 6/7 (best); 0.2: TP3 FP2 → 6/8.
        let labels = [true, false, true, true, false]
        let probabilities = [0.9, 0.8, 0.6, 0.3, 0.2]
        #expect(ValidationThreshold.bestF1(labels: labels, probabilities: probabilities) == 0.3)
    }

    @Test func keepsTheHighestThresholdOnTiesAndNeedsAPositive() {
        // 0.7: TP1 FP0 → F1 1; anything lower adds false positives.
        #expect(ValidationThreshold.bestF1(labels: [true, false, false], probabilities: [0.7, 0.4, 0.1]) == 0.7)
        #expect(ValidationThreshold.bestF1(labels: [false, false], probabilities: [0.7, 0.4]) == nil)
    }
}

@Suite struct PrecisionRecallCurveTests {
    @Test func theAreaUnderTheDrawnStepsIsTheAveragePrecision() {
        let gold = [true, false, true, true, false, false, true, false]
        let scores = [0.9, 0.85, 0.7, 0.7, 0.4, 0.3, 0.2, 0.1]
        let steps = PrecisionRecallCurve(gold: gold, scores: scores).steps
        var area = 0.0
        for (start, end) in zip(steps, steps.dropFirst()) { area += (end.recall - start.recall) * end.precision }
        #expect(abs(area - AveragePrecision.of(gold: gold, scores: scores)) < 1e-12)
    }
}
