import AdeaugContamination
import AdeaugCore
import AdeaugCorpus
import AdeaugExperiments
import Logging

/// `adeaug rebalance`: a training set from the workspace's training split plus, for
/// `synthetic`, the candidates the latest contamination check accepted (optionally passed
/// through the label filter), stored in the workspace with its recipe.
public struct RebalanceWorkflow {
    public var recipe: RebalanceRecipe
    /// The classifier the label filter trains on the real training data (nil: no label filter).
    public var labelFilterTrainer: (any ClassifierTrainer)?

    public init(recipe: RebalanceRecipe, labelFilterTrainer: (any ClassifierTrainer)? = nil) {
        self.recipe = recipe
        self.labelFilterTrainer = labelFilterTrainer
    }

    @discardableResult
    public func run(workspace: Workspace, arguments: [String], logger: Logger) throws -> TrainingSet {
        let training = try workspace.examples(split: .train)
        guard !training.isEmpty else { throw WorkspaceError.noCorpus(directory: workspace.directory.path) }
        var accepted: [Candidate] = []
        var dropped: Int?
        if recipe.strategy == .synthetic {
            let acceptedIDs = try VerdictStore(workspace: workspace).acceptedCandidateIDs()
            accepted = try workspace.candidates(label: .adverseEvent).filter { acceptedIDs.contains($0.id) }
            if accepted.isEmpty {
                logger.warning("no candidate has passed the contamination check: run `adeaug generate` and `adeaug check` first; the synthetic set adds nothing")
            }
            if let trainer = labelFilterTrainer, let threshold = recipe.labelFilterThreshold, !accepted.isEmpty {
                logger.info("label filter: scoring \(accepted.count) candidates with a classifier trained on the real training split")
                let verdicts = try LabelFilter(trainer: trainer, threshold: threshold, seed: recipe.seed)
                    .apply(to: accepted, training: training, workspace: workspace, arguments: arguments)
                let kept = Set(verdicts.filter(\.accepted).map(\.candidateID))
                dropped = accepted.count - kept.count
                logger.info("label filter kept \(kept.count) of \(accepted.count) (threshold \(threshold))")
                accepted = accepted.filter { kept.contains($0.id) }
            }
        }
        if recipe.strategy == .syntheticNegatives {
            accepted = try acceptedNegatives(in: workspace, logger: logger)
        }
        let rebalancer = Rebalancer(recipe: recipe, protectedWords: try CorpusVocabulary.drugNames(in: workspace))
        var set = try rebalancer.build(training: training, acceptedCandidates: accepted)
        if recipe.strategy == .synthetic || recipe.strategy == .syntheticNegatives {
            set.candidatesAvailable = accepted.count + (dropped ?? 0)
            set.labelFilterDropped = dropped
        }
        if set.shortfall > 0 {
            logger.warning("\(recipe.strategy.rawValue): asked for \(set.requestedAdditions) added positives, only \(set.added) available")
        }
        try TrainingSetStore(workspace: workspace).save(set, arguments: arguments)
        return set
    }
}
