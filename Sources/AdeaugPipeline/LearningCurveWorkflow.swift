import AdeaugCore
import AdeaugCorpus
import AdeaugExperiments
import Logging

/// The learning curve on one workspace: its training and test splits, its synthetic positives,
/// every strategy at equal counts at each budget, trained with the comparison's trainer.
public struct LearningCurveWorkflow {
    public var settings: LearningCurveSettings
    public var strategies: [AugmentationStrategy]
    public var seeds: [UInt64]
    /// Seed of the subsamples and additions (`rebalance.seed`).
    public var recipeSeed: UInt64
    public var trainer: any ClassifierTrainer

    public init(settings: LearningCurveSettings, strategies: [AugmentationStrategy], seeds: [UInt64], recipeSeed: UInt64, trainer: any ClassifierTrainer) {
        self.settings = settings
        self.strategies = strategies
        self.seeds = seeds
        self.recipeSeed = recipeSeed
        self.trainer = trainer
    }

    /// - Parameter syntheticPositives: the candidates `synthetic` may add (they passed every check).
    public func run(workspace: Workspace, protocolName: String, syntheticPositives: [Candidate], arguments: [String], logger: Logger) throws -> LearningCurve {
        let training = try workspace.examples(split: .train)
        guard !training.isEmpty else { throw WorkspaceError.noCorpus(directory: workspace.directory.path) }
        var runner = try ComparisonRunner(workspace: workspace, trainer: trainer)
        let perBudget = (1 + strategies.filter { $0 != .none }.count * settings.added.count) * seeds.count
        runner.onRun = { condition, seed, index, _, resumed in
            logger.info("  [\(index)/\(perBudget)] \(condition), seed \(seed)\(resumed ? ": done before, reusing it" : "")")
        }
        var curve = LearningCurveRunner(
            runner: runner, budgets: settings.realPositives, added: settings.added, strategies: strategies,
            recipeSeed: recipeSeed, protectedWords: try CorpusVocabulary.drugNames(in: workspace))
        curve.onBudget = { index, count, realPositives in
            logger.info("learning curve (\(protocolName)) [\(index)/\(count)]: \(realPositives) real positives, \(perBudget) runs")
        }
        return try curve.run(
            protocolName: protocolName, training: training, test: try workspace.examples(split: .test),
            acceptedCandidates: syntheticPositives, seeds: seeds, arguments: arguments)
    }

    /// The positives `synthetic` draws from at every point: what the synthetic training set
    /// draws from (passed the contamination check and the label filter). Empty when the
    /// strategies leave synthetic out.
    public static func syntheticPositives(in workspace: Workspace, rebalance: RebalanceSettings, labelFilterTrainer: any ClassifierTrainer, arguments: [String], logger: Logger) throws -> [Candidate] {
        guard rebalance.strategies.contains(.synthetic) else { return [] }
        return try EqualCountRebalance.syntheticWorkflow(rebalance, in: workspace, labelFilterTrainer: labelFilterTrainer)
            .syntheticPositives(workspace: workspace, training: try workspace.examples(split: .train), arguments: arguments, logger: logger)
            .candidates
    }
}
