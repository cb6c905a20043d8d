/// Everything that decides a training set: kept with it so the set can be rebuilt and explained.
public struct RebalanceRecipe: Sendable, Hashable, Codable {
    public enum Target: Sendable, Hashable, Codable {
        /// Add positives until they are this share of the training set.
        case positiveShare(Double)
        /// Add this many positives.
        case count(Int)
    }

    public var strategy: AugmentationStrategy
    public var target: Target
    /// Low-resource mode: keep only this many real positives (seeded subsample).
    public var trainPositives: Int?
    public var seed: UInt64
    /// Minimum `Adverse_Event` probability a synthetic candidate needs from the label filter, if any.
    public var labelFilterThreshold: Double?

    public init(strategy: AugmentationStrategy, target: Target = .positiveShare(0.5), trainPositives: Int? = nil, seed: UInt64 = 42, labelFilterThreshold: Double? = nil) {
        self.strategy = strategy
        self.target = target
        self.trainPositives = trainPositives
        self.seed = seed
        self.labelFilterThreshold = labelFilterThreshold
    }

    /// A short name for tables and file names, e.g. `synthetic-r0.5-p200`.
    public var name: String {
        var parts = [strategy.rawValue]
        if strategy != .none {
            switch target {
            case .positiveShare(let share): parts.append("r\(share)")
            case .count(let count): parts.append("n\(count)")
            }
        }
        if let trainPositives { parts.append("p\(trainPositives)") }
        return parts.joined(separator: "-")
    }
}
