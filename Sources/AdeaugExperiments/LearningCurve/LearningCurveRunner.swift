import AdeaugCore

/// Runs a learning curve: at each real-positive budget, the baseline and every strategy at every
/// added count, through one `ComparisonRunner` per budget (so each finished run is stored and a
/// killed curve resumes where it stopped).
public struct LearningCurveRunner {
    public var runner: ComparisonRunner
    public var budgets: [RealPositiveBudget]
    public var added: [AddedPositives]
    public var strategies: [AugmentationStrategy]
    /// Seed of the real-positive subsample and of the additions (the training seeds are separate).
    public var recipeSeed: UInt64
    /// Words EDA leaves alone (drug names).
    public var protectedWords: Set<String>
    /// Called before each budget: (budget index, budget count, real positives).
    public var onBudget: (Int, Int, Int) -> Void = { _, _, _ in }

    public init(runner: ComparisonRunner, budgets: [RealPositiveBudget], added: [AddedPositives], strategies: [AugmentationStrategy], recipeSeed: UInt64, protectedWords: Set<String> = []) {
        self.runner = runner
        self.budgets = budgets
        self.added = added
        // The curve adds positives: the baseline is every point's own, and synthetic negatives add none.
        self.strategies = strategies.filter { $0 != .none && $0 != .syntheticNegatives }
        self.recipeSeed = recipeSeed
        self.protectedWords = protectedWords
    }

    /// The training sets of every point, as `run` trains them.
    public var plan: LearningCurvePlan {
        LearningCurvePlan(budgets: budgets, added: added, strategies: strategies, recipeSeed: recipeSeed, protectedWords: protectedWords)
    }

    /// - Parameter acceptedCandidates: synthetic positives that passed every check; `synthetic`
    ///   draws its additions from them, and caps every strategy's count when they run short.
    public func run(protocolName: String, training: [Example], test: [Example], acceptedCandidates: [Candidate], seeds: [UInt64], arguments: [String]) throws -> LearningCurve {
        let planned = try plan.points(protocolName: protocolName, training: training, acceptedCandidates: acceptedCandidates)
        var points: [LearningCurvePoint] = []
        for (index, point) in planned.enumerated() {
            onBudget(index + 1, planned.count, point.realPositives)
            let comparison = try runner.run(
                protocolName: point.protocolName, conditions: point.conditions, seeds: seeds, test: test, arguments: arguments)
            points.append(LearningCurvePoint(budget: point.budget, realPositives: point.realPositives, comparison: comparison, levels: point.levels))
        }
        return LearningCurve(protocolName: protocolName, strategies: strategies, points: points)
    }
}
