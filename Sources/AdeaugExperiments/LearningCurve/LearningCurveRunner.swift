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

    /// - Parameter acceptedCandidates: synthetic positives that passed every check; `synthetic`
    ///   draws its additions from them, and caps every strategy's count when they run short.
    public func run(protocolName: String, training: [Example], test: [Example], acceptedCandidates: [Candidate], seeds: [UInt64], arguments: [String]) throws -> LearningCurve {
        guard !budgets.isEmpty, !added.isEmpty else {
            throw ExperimentError.missing("A learning curve needs at least one real-positive budget and one added count.")
        }
        let available = training.lazy.filter { $0.label == .adverseEvent }.count
        let syntheticAvailable = acceptedCandidates.lazy.filter { $0.label == .adverseEvent }.count
        // Budgets that come to the same number of real positives are one point.
        var seen = Set<Int>()
        let distinct = budgets
            .map { ($0, $0.resolved(available: available)) }
            .sorted { $0.1 < $1.1 }
            .filter { seen.insert($0.1).inserted }
        var points: [LearningCurvePoint] = []
        for (index, (budget, realPositives)) in distinct.enumerated() {
            onBudget(index + 1, distinct.count, realPositives)
            let baseline = try Rebalancer(recipe: RebalanceRecipe(strategy: .none, trainPositives: budget.trainPositives, seed: recipeSeed))
                .build(training: training)
            var conditions = [ComparisonCondition(name: "baseline", trainingSet: baseline)]
            var levels: [AddedLevel] = []
            for asked in added {
                let requested = asked.resolved(realPositives: realPositives)
                // Equal counts: every strategy adds what the synthetic set can.
                let count = strategies.contains(.synthetic) ? min(requested, syntheticAvailable) : requested
                guard count > 0 else {
                    throw ExperimentError.missing("The learning curve's synthetic strategy has no accepted candidates to add; run `adeaug generate` first, or leave synthetic out of the strategies.")
                }
                levels.append(AddedLevel(asked: asked, requested: requested, added: count))
                for strategy in strategies {
                    let recipe = RebalanceRecipe(strategy: strategy, target: .count(count), trainPositives: budget.trainPositives, seed: recipeSeed)
                    let set = try Rebalancer(recipe: recipe, protectedWords: protectedWords)
                        .build(training: training, acceptedCandidates: acceptedCandidates)
                    guard set.added == count else {
                        throw ExperimentError.invalidRecipe("\(strategy.rawValue) added \(set.added) positives at \(realPositives) real ones, expected \(count)")
                    }
                    conditions.append(ComparisonCondition(name: LearningCurve.conditionName(strategy, asked), trainingSet: set))
                }
            }
            let comparison = try runner.run(
                protocolName: "\(protocolName) curve p\(realPositives)", conditions: conditions, seeds: seeds, test: test, arguments: arguments)
            points.append(LearningCurvePoint(budget: budget, realPositives: realPositives, comparison: comparison, levels: levels))
        }
        return LearningCurve(protocolName: protocolName, strategies: strategies, points: points)
    }
}
