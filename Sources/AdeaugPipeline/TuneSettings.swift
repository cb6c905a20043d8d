import AdeaugCore
import AdeaugExperiments

/// `tune:` and `adeaug tune`: the search over checkpoints and training settings on a validation
/// slice of the training split. The command's flags override single values of it.
public struct TuneSettings: Sendable, Codable, Equatable {
    /// `halving` (successive halving: a ninth or a third of the data first, the best third kept
    /// each round, so the rounds follow from `trials`) or `random` (every trial on all of it).
    public var strategy = HyperparameterSearch.Strategy.successiveHalving
    /// Settings sampled; at least one per checkpoint, as each is tried in the first round.
    public var trials = 9
    /// Share of the training split held out for validation.
    public var validationFraction = 0.2
    /// Folders or Hub names ORG/NAME[@REVISION], one search dimension (empty: the default
    /// checkpoint, as for `adeaug train`).
    public var checkpoints: [String] = []
    public var learningRates = Self.defaultSpace.learningRates
    public var batchSizes = Self.defaultSpace.batchSizes
    public var maxLengths = Self.defaultSpace.maxLengths
    public var epochs = Self.defaultSpace.epochs
    /// Train only the head on cached sentence states (fast on CPUs).
    public var freezeEncoder = false
    /// Seed for the slice, the sampling and training.
    public var seed: UInt64 = 42

    /// The search space's own defaults: its dimensions have one home, in AdeaugExperiments.
    static let defaultSpace = SearchSpace(checkpoints: [])

    public init() {}

    /// The search these settings describe, over the checkpoints as resolved by the caller.
    public func search(checkpoints resolved: [String]) -> HyperparameterSearch {
        var space = SearchSpace(checkpoints: resolved)
        space.learningRates = learningRates
        space.batchSizes = batchSizes
        space.maxLengths = maxLengths
        space.epochs = epochs
        return HyperparameterSearch(space: space, strategy: strategy, trials: trials, validationFraction: validationFraction, seed: seed)
    }

    public func validate() throws(InvalidSetting) {
        guard trials >= 1 else { throw InvalidSetting("trials", "must be at least 1") }
        guard trials >= checkpoints.count else {
            throw InvalidSetting("trials", "(\(trials)) must be at least the number of checkpoints (\(checkpoints.count)), so each is tried")
        }
        guard validationFraction > 0, validationFraction < 1 else { throw InvalidSetting("validationFraction", "must be between 0 and 1") }
        guard !learningRates.isEmpty, learningRates.allSatisfy({ $0 > 0 }) else {
            throw InvalidSetting("learningRates", "must list at least one positive rate")
        }
        guard !batchSizes.isEmpty, batchSizes.allSatisfy({ $0 >= 1 }) else { throw InvalidSetting("batchSizes", "must list sizes of at least 1") }
        guard !maxLengths.isEmpty, maxLengths.allSatisfy({ (2...512).contains($0) }) else {
            throw InvalidSetting("maxLengths", "must list lengths from 2 to 512")
        }
        guard !epochs.isEmpty, epochs.allSatisfy({ $0 >= 1 }) else { throw InvalidSetting("epochs", "must list counts of at least 1") }
    }
}

extension HyperparameterSearch.Strategy: SettingsChoice {}
