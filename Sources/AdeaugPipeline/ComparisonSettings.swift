import AdeaugBERT
import AdeaugCore

/// `compare:` and `adeaug compare`: the baseline against each training set, trained the same way
/// over several seeds. `run`'s frozen-encoder comparison, its fine-tuned pair, the label filter
/// and `adeaug compare` all train with these values, so a command reuses the runs `run` stored.
public struct ComparisonSettings: Sendable, Codable, Equatable {
    /// Training seeds per condition (1, 2, … seeds).
    public var seeds = 3
    /// Checkpoint folder (nil: the MiniLM checkpoint from the setup step).
    public var model: String?
    /// Every frozen-encoder run (and the label filter): the linear probe, class-balanced,
    /// because positives are ~1.5% of a low-resource training set.
    public var training = TrainingSettings.linearProbe.classBalanced
    /// Also fine-tune the whole encoder for the baseline and the first strategy, one seed (`run`).
    public var fullFineTunePair = true
    /// Whole-encoder runs: the head is first trained with `training` (linear probe, then
    /// fine-tune), then everything with these.
    public var fullFineTune: TrainingSettings = {
        var settings = TrainingSettings.fineTune.classBalanced
        settings.epochs = 1
        return settings
    }()
    /// Which split protocol `run` compares on: clean, published (the leaky rows split) or both.
    public var `protocol` = ComparisonProtocol.clean
    /// The comparison at several real-positive budgets (`run`, and `compare --learning-curve`).
    public var learningCurve = LearningCurveSettings()

    public init() {}

    public var seedList: [UInt64] { (1...max(1, seeds)).map(UInt64.init) }

    func validate() throws(InvalidSetting) {
        guard seeds >= 1 else { throw InvalidSetting("seeds", "must be at least 1") }
        guard training.freezeEncoder else { throw InvalidSetting("training", "is the frozen-encoder runs' settings: start it from preset linear_probe") }
        guard !fullFineTune.freezeEncoder else { throw InvalidSetting("fullFineTune", "is the whole-encoder runs' settings: start it from preset fine_tune") }
        do { try learningCurve.validate() } catch { throw InvalidSetting("learningCurve." + error.key, error.problem) }
    }
}

/// The split protocols a comparison runs on.
public enum ComparisonProtocol: String, SettingsChoice {
    /// The leakage-free split of the config's corpus section.
    case clean
    /// A random split over rows, as the published pipeline did (duplicates straddle it).
    case published
    case both
}
