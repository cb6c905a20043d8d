import AdeaugCore

/// The training sets of a learning curve, built without training anything: at each distinct
/// real-positive budget, the baseline and every strategy at every added count. The curve trains
/// them (`LearningCurveRunner`), and a comparison grid splits their runs over array tasks.
public struct LearningCurvePlan {
    /// One point of the curve before it is trained: a comparison of its own.
    public struct Point {
        public var budget: RealPositiveBudget
        public var realPositives: Int
        /// The name the point's runs are stored under (`clean curve p50`).
        public var protocolName: String
        /// Baseline first, then `LearningCurve.conditionName(strategy, added)` for each cell.
        public var conditions: [ComparisonCondition]
        public var levels: [AddedLevel]
    }

    public var budgets: [RealPositiveBudget]
    public var added: [AddedPositives]
    /// Strategies that add positives (`none` and synthetic negatives are left out).
    public var strategies: [AugmentationStrategy]
    /// Seed of the real-positive subsample and of the additions (the training seeds are separate).
    public var recipeSeed: UInt64
    /// Words EDA leaves alone (drug names).
    public var protectedWords: Set<String>

    public init(budgets: [RealPositiveBudget], added: [AddedPositives], strategies: [AugmentationStrategy], recipeSeed: UInt64, protectedWords: Set<String> = []) {
        self.budgets = budgets
        self.added = added
        // The curve adds positives: the baseline is every point's own, and synthetic negatives add none.
        self.strategies = strategies.filter { $0 != .none && $0 != .syntheticNegatives }
        self.recipeSeed = recipeSeed
        self.protectedWords = protectedWords
    }

    /// - Parameter acceptedCandidates: synthetic positives that passed every check; `synthetic`
    ///   draws its additions from them, and caps every strategy's count when they run short.
    public func points(protocolName: String, training: [Example], acceptedCandidates: [Candidate]) throws -> [Point] {
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
        return try distinct.map { budget, realPositives in
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
            return Point(
                budget: budget, realPositives: realPositives, protocolName: "\(protocolName) curve p\(realPositives)",
                conditions: conditions, levels: levels)
        }
    }

    /// The curve's points as comparison-grid batches, trained by `trainer`, in the order the
    /// curve trains them.
    public func batches(protocolName: String, training: [Example], acceptedCandidates: [Candidate], trainer: any ClassifierTrainer) throws -> [ComparisonGrid.Batch] {
        try points(protocolName: protocolName, training: training, acceptedCandidates: acceptedCandidates).map {
            ComparisonGrid.Batch(protocolName: $0.protocolName, conditions: $0.conditions, trainer: trainer)
        }
    }
}
