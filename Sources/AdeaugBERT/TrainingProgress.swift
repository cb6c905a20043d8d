/// One line of progress for the progress bar.
public struct TrainingProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var step: Int
    public var totalSteps: Int
    public var loss: Float
    public var samplesPerSecond: Double
    public var etaSeconds: Double
    public var validation: TrainingReport.Validation?
    public var phase: String
}
