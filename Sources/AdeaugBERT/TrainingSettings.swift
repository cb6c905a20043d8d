import AdeaugCore

/// The hyperparameters of a fine-tuning run: the one home of every training setting. The command
/// line (`train`, `compare`, `tune`, `rebalance --label-filter`) and adeaug.yaml both start from
/// a named preset and override fields; the value is stored with each run for provenance.
public struct TrainingSettings: Sendable, Codable, Equatable, SettingsWithPresets {
    public var maxLength = 128
    public var batchSize = 32
    public var epochs = 2
    public var learningRate: Float = 5e-5
    public var seed: UInt64 = 42
    /// Fraction of all steps spent warming the learning rate up linearly from 0.
    public var warmupFraction: Float = 0.06
    /// Weigh the loss by inverse class frequency ("balanced").
    public var classWeights = false
    /// What a batch's class-weighted loss is divided by (see `ClassWeightDivisor`).
    public var classWeightDivisor = ClassWeightDivisor.totalWeight
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
    /// Keep only each encoder layer's output and recompute the rest in backward (Hugging Face's
    /// `gradient_checkpointing`): the same gradients in less memory, for about a third more time.
    public var gradientCheckpointing = false

    public init() {}

    /// Whole-encoder fine-tuning with Hugging Face Trainer's defaults (2 epochs at 5e-5, batch 32):
    /// the settings the PyTorch reference figures were made with.
    public static let fineTune = TrainingSettings()

    /// Only the head, on cached sentence states: a fresh head learns at a linear-probe rate, not a
    /// fine-tuning one (at 5e-5 for 2 epochs it predicted no positive at 1.5% positives).
    public static let linearProbe: TrainingSettings = {
        var settings = TrainingSettings()
        settings.freezeEncoder = true
        settings.learningRate = 1e-3
        settings.epochs = 5
        return settings
    }()

    /// This preset with the loss balanced over the classes, for skewed training sets: with 1.5%
    /// positives an unweighted head learns to answer Not_AE to everything.
    public var classBalanced: TrainingSettings {
        var settings = self
        settings.classWeights = true
        settings.classWeightDivisor = .batchSize
        return settings
    }

    /// The named starting points of adeaug.yaml's `preset:` key and the command line.
    public enum Preset: String, SettingsChoice {
        case linearProbe = "linear_probe"
        case fineTune = "fine_tune"

        public var settings: TrainingSettings {
            switch self {
            case .linearProbe: .linearProbe
            case .fineTune: .fineTune
            }
        }
    }

    public static func settings(for preset: Preset) -> TrainingSettings { preset.settings }

    /// Refuses values no run can use, naming the setting (see `InvalidSetting` for the wording).
    public func validate() throws(InvalidSetting) {
        guard (2...512).contains(maxLength) else { throw InvalidSetting("maxLength", "must be in 2...512") }
        guard batchSize >= 1 else { throw InvalidSetting("batchSize", "must be at least 1") }
        guard epochs >= 1 else { throw InvalidSetting("epochs", "must be at least 1") }
        guard learningRate > 0 else { throw InvalidSetting("learningRate", "must be above 0", flag: "--lr") }
        guard (0..<1).contains(warmupFraction) else { throw InvalidSetting("warmupFraction", "must be in [0, 1)", flag: "--warmup") }
        guard (0..<1).contains(validationFraction) else { throw InvalidSetting("validationFraction", "must be in [0, 1)") }
        guard evaluationsPerEpoch >= 1 else { throw InvalidSetting("evaluationsPerEpoch", "must be at least 1") }
        guard patience >= 1 else { throw InvalidSetting("patience", "must be at least 1") }
        guard maxGradNorm >= 0 else { throw InvalidSetting("maxGradNorm", "must be 0 (off) or above") }
        guard weightDecay >= 0 else { throw InvalidSetting("weightDecay", "must be 0 or above") }
    }
}

/// What a batch's class-weighted loss is divided by. With 1.5% positives most batches hold no
/// positive; PyTorch's weighted mean (`total_weight`) gives those batches as much pull as the
/// rare ones with a positive, diluting the weighting, while `batch_size` keeps the expected loss
/// the balanced one.
public enum ClassWeightDivisor: String, SettingsChoice {
    /// PyTorch's `CrossEntropyLoss(weight:)` mean.
    case totalWeight = "total_weight"
    case batchSize = "batch_size"
}
