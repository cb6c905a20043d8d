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
    /// Candidates the label filter already judged as a screen of the generation loop, by id
    /// (true: passed): they are not scored again. The rest go through `labelFilterTrainer`.
    public var labelFilterVerdicts: [Int64: Bool] = [:]

    public init(recipe: RebalanceRecipe, labelFilterTrainer: (any ClassifierTrainer)? = nil) {
        self.recipe = recipe
        self.labelFilterTrainer = labelFilterTrainer
    }

    @discardableResult
    public func run(workspace: Workspace, arguments: [String], logger: Logger) throws -> TrainingSet {
        let set = try build(workspace: workspace, arguments: arguments, logger: logger)
        if set.shortfall > 0 {
            logger.warning("\(recipe.strategy.rawValue): asked for \(set.requestedAdditions) added positives, only \(set.added) available")
        }
        try TrainingSetStore(workspace: workspace).save(set, arguments: arguments)
        return set
    }

    /// The training set of the recipe, not stored yet (`run` stores it). `pool`: what
    /// `syntheticPositives` already returned, so a caller that needs it too pays for it once.
    public func build(workspace: Workspace, arguments: [String], logger: Logger, pool: (candidates: [Candidate], labelFilterDropped: Int?)? = nil) throws -> TrainingSet {
        let training = try workspace.examples(split: .train)
        guard !training.isEmpty else { throw WorkspaceError.noCorpus(directory: workspace.directory.path) }
        var accepted: [Candidate] = []
        var dropped: Int?
        if recipe.strategy == .synthetic {
            (accepted, dropped) = try pool ?? syntheticPositives(workspace: workspace, training: training, arguments: arguments, logger: logger)
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
        return set
    }

    /// The generated positives `synthetic` may add: those the latest contamination check
    /// accepted, less those the label filter refused (judged during generation, or now for
    /// candidates it has not judged), and how many the filter refused (nil: no filter ran).
    public func syntheticPositives(workspace: Workspace, training: [Example], arguments: [String], logger: Logger) throws -> (candidates: [Candidate], labelFilterDropped: Int?) {
        var dropped: Int?
        let acceptedIDs = try VerdictStore(workspace: workspace).acceptedCandidateIDs()
        var accepted = try workspace.candidates(label: .adverseEvent).filter { acceptedIDs.contains($0.id) }
        if accepted.isEmpty {
            logger.warning("no candidate has passed the contamination check: run `adeaug generate` and `adeaug check` first; the synthetic set adds nothing")
        }
        if recipe.labelFilterThreshold != nil, !labelFilterVerdicts.isEmpty {
            let before = accepted.count
            accepted = accepted.filter { labelFilterVerdicts[$0.id] ?? true }
            dropped = before - accepted.count
        }
        let unjudged = accepted.filter { labelFilterVerdicts[$0.id] == nil }
        if let trainer = labelFilterTrainer, let threshold = recipe.labelFilterThreshold, !unjudged.isEmpty {
            logger.info("label filter: scoring \(unjudged.count) candidates with a classifier trained on the real training split")
            let verdicts = try LabelFilter(trainer: trainer, threshold: threshold, seed: recipe.seed)
                .apply(to: unjudged, training: training, workspace: workspace, arguments: arguments)
            let refused = Set(verdicts.filter { !$0.accepted }.map(\.candidateID))
            dropped = (dropped ?? 0) + refused.count
            logger.info("label filter kept \(unjudged.count - refused.count) of \(unjudged.count) (threshold \(threshold))")
            accepted = accepted.filter { !refused.contains($0.id) }
        }
        return (accepted, dropped)
    }

    /// How many accepted positives `syntheticPositives` would still send through the label
    /// filter (trained now, verdicts stored): none when the filter is off or the generation
    /// loop's screen judged them all.
    public func candidatesLabelFilterWouldJudge(workspace: Workspace) throws -> Int {
        guard labelFilterTrainer != nil, recipe.labelFilterThreshold != nil else { return 0 }
        let acceptedIDs = try VerdictStore(workspace: workspace).acceptedCandidateIDs()
        return try workspace.candidates(label: .adverseEvent)
            .filter { acceptedIDs.contains($0.id) && labelFilterVerdicts[$0.id] == nil }.count
    }
}
