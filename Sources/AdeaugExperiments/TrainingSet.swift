/// A training set built by `Rebalancer`, with the counts a report needs.
public struct TrainingSet: Sendable, Hashable, Codable {
    public var recipe: RebalanceRecipe
    public var items: [TrainingItem]
    public var realPositives: Int
    public var realNegatives: Int
    /// Positives the recipe asked to add, and how many it could (synthetic is capped by what passed the checks).
    public var requestedAdditions: Int
    public var added: Int
    /// Candidates that passed the contamination check, and how many the label filter dropped
    /// (nil when the strategy is not `synthetic` or no label filter ran).
    public var candidatesAvailable: Int?
    public var labelFilterDropped: Int?

    public var shortfall: Int { requestedAdditions - added }
    public var positiveShare: Double {
        let positives = realPositives + added
        return items.isEmpty ? 0 : Double(positives) / Double(items.count)
    }
}
