/// The same comparison at several real-positive budgets: how a gain from adding positives
/// depends on how many real ones a user has.
public struct LearningCurve: Sendable, Codable {
    public var protocolName: String
    public var strategies: [AugmentationStrategy]
    public var points: [LearningCurvePoint]

    public init(protocolName: String, strategies: [AugmentationStrategy], points: [LearningCurvePoint]) {
        self.protocolName = protocolName
        self.strategies = strategies
        self.points = points
    }

    /// A condition's name inside a point's comparison, e.g. `synthetic +100%`.
    public static func conditionName(_ strategy: AugmentationStrategy, _ added: AddedPositives) -> String {
        "\(strategy.rawValue) \(added)"
    }
}

/// One budget of a learning curve: the baseline and every strategy × added count, all trained
/// on the same subsample of real positives, over the same seeds.
public struct LearningCurvePoint: Sendable, Codable {
    public var budget: RealPositiveBudget
    /// Real positives the budget kept (`all` resolves to the split's count).
    public var realPositives: Int
    /// Baseline first, then `LearningCurve.conditionName(strategy, added)` for each cell.
    public var comparison: ProtocolComparison
    public var levels: [AddedLevel]

    public init(budget: RealPositiveBudget, realPositives: Int, comparison: ProtocolComparison, levels: [AddedLevel]) {
        self.budget = budget
        self.realPositives = realPositives
        self.comparison = comparison
        self.levels = levels
    }

    /// The x-axis label: the count, marked when it is the whole split.
    public var label: String {
        budget == .all ? "\(realPositives) (all)" : String(realPositives)
    }

    public func outcome(_ strategy: AugmentationStrategy, _ added: AddedPositives) -> ConditionOutcome? {
        comparison.conditions.first { $0.name == LearningCurve.conditionName(strategy, added) }
    }

    public var baseline: ConditionOutcome? { comparison.conditions.first }
}

/// One added count at one budget: what was asked and what every strategy added.
public struct AddedLevel: Sendable, Hashable, Codable {
    public var asked: AddedPositives
    /// Positives `asked` comes to at this budget.
    public var requested: Int
    /// Positives every strategy added: `requested`, or fewer when the synthetic set ran short,
    /// since strategies are compared at equal counts.
    public var added: Int

    public init(asked: AddedPositives, requested: Int, added: Int) {
        self.asked = asked
        self.requested = requested
        self.added = added
    }
}
