/// Test-split F1 when each seed's run decides at the threshold that maximised F1 on its own
/// validation slice (see `ValidationThreshold`), with the same bootstrap as F1 at 0.5.
public struct ValidationThresholdF1: Sendable, Codable {
    /// The chosen threshold per seed.
    public var thresholds: [Double]
    public var f1: SeedSummary
    public var interval: ConfidenceInterval
    /// Against the baseline at its own validation thresholds (nil for the baseline, and when
    /// the baseline's runs have no validation slice).
    public var differenceToBaseline: PairedDifference?

    /// The seeds' test predictions at their validation thresholds; nil when any run has no
    /// validation slice or a slice without positives (the report then shows "n/a").
    static func predictions(of runs: [TrainedRun]) -> (thresholds: [Double], predictions: [[Bool]])? {
        var thresholds: [Double] = [], predictions: [[Bool]] = []
        for run in runs {
            guard let slice = run.validation,
                let threshold = ValidationThreshold.bestF1(labels: slice.labels, probabilities: slice.probabilities)
            else { return nil }
            thresholds.append(threshold)
            predictions.append(run.probabilities.map { $0 >= threshold })
        }
        return runs.isEmpty ? nil : (thresholds, predictions)
    }
}
