/// The hyperparameters of a fine-tuning run (stored with the run for provenance).
public struct TrainingOptions: Sendable, Codable, Equatable {
    public var maxLength = 128
    public var batchSize = 32
    public var epochs = 2
    public var learningRate: Float = 5e-5
    public var seed: UInt64 = 42
    /// Fraction of all steps spent warming the learning rate up linearly from 0.
    public var warmupFraction: Float = 0.06
    /// Weigh the loss by inverse class frequency ("balanced").
    public var classWeights = false
    /// With class weights, divide each batch's weighted loss by the batch size rather than by
    /// the batch's total weight (PyTorch's `CrossEntropyLoss(weight:)` mean, the default: nil
    /// or false). With 1.5% positives most batches hold no positive, and PyTorch's per-batch
    /// mean gives those batches as much pull as the rare ones with a positive, diluting the
    /// weighting; dividing by the batch size keeps the expected loss the balanced one.
    public var weightedLossOverBatchSize: Bool?
    /// Train only the pooler and classifier on cached [CLS] states (fast CPU mode).
    public var freezeEncoder = false
    public var weightDecay: Float = 0.01
    /// Global gradient-norm clipping; 0 turns it off.
    public var maxGradNorm: Float = 1.0
    /// Held out of the training split (stratified) for periodic evaluation; 0 turns evaluation,
    /// early stopping and best-checkpoint selection off.
    public var validationFraction = 0.1
    public var evaluationsPerEpoch = 2
    /// Evaluations without a better validation F1 before stopping.
    public var patience = 3
    public var dropout = true

    public init() {}
}
