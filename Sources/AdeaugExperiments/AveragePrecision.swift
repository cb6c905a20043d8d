/// Average precision: the area under the precision-recall curve as the step sum
/// AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over thresholds at each distinct score, from the highest down
/// (scikit-learn's `average_precision_score`; no interpolation).
///
/// Unlike F1 at 0.5 it does not depend on where the threshold sits, only on how well the
/// scores rank positives above negatives: a shift of every probability leaves it unchanged.
public enum AveragePrecision {
    public static func of(gold: [Bool], scores: [Double]) -> Double {
        of(RankedScores(gold: gold, scores: scores))
    }

    /// AP with each sentence counted `weights[i]` times (a bootstrap resample), or once.
    /// 0 when there is no positive (scikit-learn warns and also gives 0 then).
    public static func of(_ ranked: RankedScores, weights: [Double]? = nil) -> Double {
        let positives = ranked.positives(weights: weights)
        guard positives > 0 else { return 0 }
        var sum = 0.0, previousRecall = 0.0
        for point in ranked.operatingPoints(weights: weights) {
            let called = point.truePositives + point.falsePositives
            guard called > 0 else { continue }  // nothing drawn yet in this resample: recall still 0
            let recall = point.truePositives / positives
            sum += (recall - previousRecall) * (point.truePositives / called)
            previousRecall = recall
        }
        return sum
    }
}
