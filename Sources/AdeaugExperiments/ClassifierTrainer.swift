import AdeaugCore

/// What `compare` needs from a classifier: train on a set, score the test split.
///
/// The experiments stage knows nothing of BERT: the command line hands it the built-in trainer
/// through this protocol (and tests hand it a small, fast one), so stages stay independent.
public protocol ClassifierTrainer {
    /// A short description of the model and hyperparameters, stored with each run so a resumed
    /// comparison never mixes runs made with different settings.
    var fingerprint: String { get }

    /// Trains with `seed` and returns `P(Adverse_Event)` for every test sentence, in order
    /// (and, where the trainer holds out a validation slice of `training`, for that slice).
    func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun

    /// Trains once with `seed` and returns a model that scores any sentence later (the label
    /// filter screening candidates as they are generated). Default: `trainAndScore` per call.
    func trainScorer(training: [TrainingItem], seed: UInt64) throws -> any TextScorer

    /// Called once before a comparison trains, with every sentence its runs will see (sorted,
    /// each once). A trainer that caches per-sentence work (a frozen encoder's [CLS] states)
    /// fills its cache here in this fixed order, so a run's numbers do not depend on which runs
    /// the process trained before: a grid task's run equals the single process's bit for bit.
    /// Default: nothing.
    func prepare(sentences: [String]) throws
}

extension ClassifierTrainer {
    public func prepare(sentences: [String]) throws {}
}

/// The outcome of one training run.
public struct TrainedRun: Sendable, Hashable, Codable {
    /// `P(Adverse_Event)` per test sentence, in the test split's order.
    public var probabilities: [Double]
    /// Mean training loss per epoch.
    public var lossPerEpoch: [Double]
    public var trainingSeconds: Double
    /// The held-out slice of the training data, scored by the trained model: where the
    /// comparison picks a decision threshold. Nil for trainers without one and for runs
    /// stored before it existed (optional, so their stored JSON still decodes).
    public var validation: ValidationSlice?

    public init(probabilities: [Double], lossPerEpoch: [Double], trainingSeconds: Double, validation: ValidationSlice? = nil) {
        self.probabilities = probabilities
        self.lossPerEpoch = lossPerEpoch
        self.trainingSeconds = trainingSeconds
        self.validation = validation
    }
}
