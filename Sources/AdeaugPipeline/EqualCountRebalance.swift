import AdeaugCore
import AdeaugExperiments
import AdeaugGeneration
import Logging

/// `run`'s training sets at equal counts: every strategy adds as many positives as synthetic
/// could. The synthetic set is built first; when it reaches fewer positives than asked (the
/// budget or `max_requests` ran out before generation's target), every other strategy is
/// built at the count synthetic reached, so no comparison sets 21 generated sentences against
/// 200 oversampled ones.
struct EqualCountRebalance {
    var settings: RebalanceSettings
    var logger: Logger

    /// What the sets of one workspace add.
    struct Outcome: Sendable, Equatable {
        /// The training sets, by name, in the order of `settings.strategies`.
        var names: [String]
        /// Positives each strategy adds (nil without strategies that add any).
        var added: Int?
        /// What the settings asked for, when synthetic reached less (nil: it reached the count).
        var asked: Int?
        /// The generated positives the synthetic set drew from (empty without synthetic): the
        /// learning curve draws from the same ones.
        var syntheticPositives: [Candidate] = []
    }

    func run(in workspace: Workspace, labelFilterTrainer: any ClassifierTrainer, arguments: [String]) throws -> Outcome {
        let store = try TrainingSetStore(workspace: workspace)
        let existing = Set(try store.names())
        var settings = self.settings
        var names: [String: String] = [:]
        var outcome = Outcome(names: [], added: nil, asked: nil)
        if settings.strategies.contains(.synthetic) {
            var recipe = settings.recipe(for: .synthetic)
            let workflow = try Self.syntheticWorkflow(settings, in: workspace, labelFilterTrainer: labelFilterTrainer)
            let pool = try workflow.syntheticPositives(
                workspace: workspace, training: try workspace.examples(split: .train), arguments: arguments, logger: logger)
            outcome.syntheticPositives = pool.candidates
            var set = try workflow.build(workspace: workspace, arguments: arguments, logger: logger, pool: pool)
            if set.added < set.requestedAdditions {
                outcome.asked = set.requestedAdditions
                // The same items a recipe with this count draws (same seed, every usable one).
                settings.count = set.added
                settings.ratio = nil
                recipe = settings.recipe(for: .synthetic)
                set.recipe = recipe
                set.requestedAdditions = set.added
                logger.notice("rebalance: synthetic reached \(set.added) of the \(outcome.asked!) positives asked; every strategy adds \(set.added) (equal counts)")
            }
            outcome.added = set.added
            try store.save(set, arguments: arguments)
            names[AugmentationStrategy.synthetic.rawValue] = recipe.name
            logger.info("rebalance: \(recipe.name): \(set.items.count) sentences, \(set.added) added, \(String(format: "%.1f%%", set.positiveShare * 100)) positive")
        }
        for strategy in settings.strategies where strategy != .synthetic {
            let recipe = settings.recipe(for: strategy)
            names[strategy.rawValue] = recipe.name
            if existing.contains(recipe.name) {
                logger.info("rebalance: \(recipe.name) already built")
                outcome.added = try outcome.added ?? store.load(name: recipe.name).added
                continue
            }
            let set = try RebalanceWorkflow(recipe: recipe).run(workspace: workspace, arguments: arguments, logger: logger)
            outcome.added = outcome.added ?? set.added
            logger.info("rebalance: \(recipe.name): \(set.items.count) sentences, \(set.added) added, \(String(format: "%.1f%%", set.positiveShare * 100)) positive")
        }
        outcome.names = self.settings.strategies.compactMap { names[$0.rawValue] }
        return outcome
    }

    /// `synthetic`'s rebalancing with the label filter's verdicts from generation, so what
    /// generation screened is not scored again.
    static func syntheticWorkflow(_ settings: RebalanceSettings, in workspace: Workspace, labelFilterTrainer: any ClassifierTrainer) throws -> RebalanceWorkflow {
        let recipe = settings.recipe(for: .synthetic)
        var workflow = RebalanceWorkflow(recipe: recipe, labelFilterTrainer: recipe.labelFilterThreshold == nil ? nil : labelFilterTrainer)
        workflow.labelFilterVerdicts = try GenerationRecords.screenVerdicts(
            in: workspace, passed: LabelFilterScreen.passed, rejected: LabelFilterScreen.reason)
        return workflow
    }
}
