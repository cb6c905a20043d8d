import AdeaugCore
import AdeaugExperiments

/// `rebalance:` and `adeaug rebalance`: how training sets are built from the real training split
/// and the added positives.
public struct RebalanceSettings: Sendable, Codable, Equatable {
    /// Each is compared against the baseline (`run`); `adeaug rebalance` builds one at a time.
    public var strategies: [AugmentationStrategy] = [.synthetic, .oversample, .eda]
    /// Target positive share; ignored when `count` is set.
    public var ratio: Double?
    /// Positives every strategy adds; in `run` also generation's target (equal counts).
    public var count: Int? = 100
    /// Low-resource mode: keep this many real positives (nil: all).
    public var trainPositives: Int? = 100
    /// Label filter threshold on `P(Adverse_Event)` for synthetic candidates (nil: no filter).
    public var labelFilter: Double? = 0.5
    /// Seed for subsampling, sampling and edits.
    public var seed: UInt64 = 42

    public init() {}

    /// The recipe of one strategy's training set (the label filter applies to synthetic only).
    public func recipe(for strategy: AugmentationStrategy) -> RebalanceRecipe {
        RebalanceRecipe(
            strategy: strategy, target: count.map { .count($0) } ?? .positiveShare(ratio ?? 0.5),
            trainPositives: trainPositives, seed: seed,
            labelFilterThreshold: strategy == .synthetic ? labelFilter : nil)
    }

    /// The count `run` generates for: `count` when synthetic is among the strategies (nil else,
    /// or when it is 0: then nothing synthetic is added and generation keeps its own target).
    var countFromGeneration: Int? {
        guard strategies.contains(.synthetic), let count, count >= 1 else { return nil }
        return count
    }

    func validate() throws(InvalidSetting) {
        if let ratio, !(ratio > 0 && ratio < 1) { throw InvalidSetting("ratio", "must be between 0 and 1 (exclusive)") }
        if let count, count < 0 { throw InvalidSetting("count", "must be 0 or more") }
        if let trainPositives, trainPositives < 1 { throw InvalidSetting("trainPositives", "must be at least 1") }
        if let labelFilter, !(0...1).contains(labelFilter) { throw InvalidSetting("labelFilter", "must be a probability in [0, 1]") }
    }
}
