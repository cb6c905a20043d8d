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

    /// The curve's points as comparison-grid batches (every training set built, nothing trained),
    /// trained with the curve's trainer: what array tasks split together with the comparison's runs.
    public func batches(workspace: Workspace, protocolName: String, syntheticPositives: [Candidate]) throws -> [ComparisonGrid.Batch] {
        let training = try workspace.examples(split: .train)
        guard !training.isEmpty else { throw WorkspaceError.noCorpus(directory: workspace.directory.path) }
        let plan = LearningCurvePlan(
            budgets: settings.realPositives, added: settings.added, strategies: strategies,
            recipeSeed: recipeSeed, protectedWords: try CorpusVocabulary.drugNames(in: workspace))
        return try plan.batches(protocolName: protocolName, training: training, acceptedCandidates: syntheticPositives, trainer: trainer)
    }

    /// The positives `synthetic` draws from at every point: what the synthetic training set
    /// draws from (passed the contamination check and the label filter). Empty when the
    /// strategies leave synthetic out.
    /// - Parameter storedVerdictsOnly: for array tasks, which read the workspace only and must all
    ///   see the same pool: candidates the label filter has not judged yet are refused, instead
    ///   of being judged (and stored) now.
    public static func syntheticPositives(
        in workspace: Workspace, rebalance: RebalanceSettings, labelFilterTrainer: any ClassifierTrainer,
        storedVerdictsOnly: Bool = false, arguments: [String], logger: Logger
    ) throws -> [Candidate] {
        guard rebalance.strategies.contains(.synthetic) else { return [] }
        let workflow = try EqualCountRebalance.syntheticWorkflow(rebalance, in: workspace, labelFilterTrainer: labelFilterTrainer)
        if storedVerdictsOnly {
            let unjudged = try workflow.candidatesLabelFilterWouldJudge(workspace: workspace)
            guard unjudged == 0 else {
                throw ExperimentError.missing("--learning-curve on array tasks: the label filter has not judged \(unjudged) accepted candidate\(unjudged == 1 ? "" : "s") (only those `adeaug run` screened as it generated them are stored), and tasks only read the workspace, so each would judge them again. Run compare --learning-curve in one process, or without the filter (rebalance.label_filter: null).")
            }
        }
        return try workflow
            .syntheticPositives(workspace: workspace, training: try workspace.examples(split: .train), arguments: arguments, logger: logger)
            .candidates
    }
}
