/// The decision threshold that maximises F1 on a validation slice of the training data.
///
/// With few positives, F1 at 0.5 moves mostly with the class prior the model learned (more
/// positives in training push every probability up); a threshold fitted on held-out training
/// sentences takes that shift out, so what is left is a difference in ranking. Never fitted on
/// the test split.
public enum ValidationThreshold {
    /// The score threshold (predict positive when `p ≥ threshold`) with the best validation F1,
    /// the highest such threshold on ties; nil when the slice has no positive (F1 is 0 everywhere).
    public static func bestF1(labels: [Bool], probabilities: [Double]) -> Double? {
        let ranked = RankedScores(gold: labels, scores: probabilities)
        let positives = ranked.positives()
        guard positives > 0 else { return nil }
        var best: (threshold: Double, f1: Double)?
        for point in ranked.operatingPoints() {
            let f1 = 2 * point.truePositives / (point.truePositives + point.falsePositives + positives)
            if best == nil || f1 > best!.f1 { best = (point.threshold, f1) }
        }
        return best?.threshold
    }
}
