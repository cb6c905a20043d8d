import AdeaugCore

/// What a training run did, step by step: written as the run's loss curve and stored in the
/// workspace.
public struct TrainingReport: Sendable, Codable {
    public struct Step: Sendable, Codable {
        public var step: Int
        public var epoch: Double
        public var loss: Float
        public var learningRate: Float
    }

    public struct Validation: Sendable, Codable {
        public var step: Int
        public var epoch: Double
        public var metrics: ClassificationMetrics
    }

    public var options: TrainingSettings
    public var trainCount: Int
    public var validationCount: Int
    public var steps: [Step] = []
    public var validations: [Validation] = []
    /// Step whose parameters were kept (best validation F1), or the last step.
    public var keptStep = 0
    public var stoppedEarly = false
    public var trainSeconds = 0.0
    public var samplesPerSecond = 0.0
    public var tokensPerSecond = 0.0

    /// The loss curve as CSV: step, epoch, loss, learning rate, and validation F1 where evaluated.
    public var lossCurveCSV: String {
        let f1ByStep = Dictionary(validations.map { ($0.step, $0.metrics.f1) }, uniquingKeysWith: { $1 })
        return CSVWriter().render(
            header: ["step", "epoch", "loss", "learning_rate", "validation_f1"],
            rows: steps.map { s in
                ["\(s.step)", "\(s.epoch)", "\(s.loss)", "\(s.learningRate)", f1ByStep[s.step].map { String($0) } ?? ""]
            })
    }
}
