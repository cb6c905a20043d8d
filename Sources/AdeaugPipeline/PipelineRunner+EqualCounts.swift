import AdeaugContamination
import AdeaugCore
import AdeaugExperiments
import AdeaugGeneration

extension PipelineRunner {
    /// What a candidate must pass to count towards the target: the contamination checks, then
    /// (when synthetic is compared with a label filter) the label filter, trained on the real
    /// training split before the first request. So the target counts what will really be added.
    func screens(_ workspace: Workspace, labelFilterTrainer: any ClassifierTrainer) throws -> [any CandidateScreen] {
        var screens: [any CandidateScreen] = [try ContaminationScreen(
            workspace: workspace, pretraining: try pretrainingIndex(), pretrainingThreshold: config.check.pretrainingThreshold)]
        if let threshold = config.rebalance.labelFilter, config.rebalance.strategies.contains(.synthetic) {
            let training = try workspace.examples(split: .train).map {
                TrainingItem(text: $0.text, label: $0.label, origin: .real, sourceID: $0.id)
            }
            let seed = config.rebalance.seed
            let logger = logger
            let screen = LabelFilterScreen(threshold: threshold) {
                logger.info("label filter: training on the \(training.count) real training sentences, to screen each candidate (P(Adverse_Event) >= \(threshold))")
                return try labelFilterTrainer.trainScorer(training: training, seed: seed)
            }
            // Trained before the first request when generation has work left, not while answers wait.
            if try GenerationRecords.countedCandidateIDs(in: workspace).count < config.generationTarget { try screen.prepare() }
            screens.append(screen)
        }
        return screens
    }

    /// The report's first lines: how many positives every strategy adds and, when synthetic
    /// reached fewer than asked, that the comparison was made at its count and why.
    func preface(_ counts: [(protocolName: String, outcome: EqualCountRebalance.Outcome)], clean: Workspace) throws -> [String] {
        var lines: [String] = []
        for (name, outcome) in counts {
            guard let added = outcome.added else { continue }
            let scope = counts.count > 1 ? " (\(name) protocol)" : ""
            if let asked = outcome.asked {
                var line = "**Equal counts at \(added), fewer than the \(asked) asked**\(scope): synthetic reached only \(added) positives past the generation filters, the contamination checks and the label filter, so every strategy adds \(added)."
                if let stop = try GenerationRecords.lastStop(in: clean) {
                    line += " Generation's last run stopped with: \(stop.message)"
                }
                lines.append(line)
            } else {
                lines.append("**Equal counts**\(scope): every strategy adds \(added) positives.")
            }
        }
        return lines
    }

    /// `compare.learning_curve` on the first protocol's workspace (clean unless only published
    /// runs), with the frozen-encoder trainer and `pool`, the synthetic positives that
    /// workspace's sets drew from.
    func learningCurve(on target: (name: String, workspace: Workspace), pool: [Candidate], trainer: any ClassifierTrainer, arguments: [String]) throws -> LearningCurve? {
        let settings = config.compare.learningCurve
        guard settings.isEnabled, config.rebalance.strategies.contains(where: { $0 != .none }) else { return nil }
        if config.rebalance.strategies.contains(.synthetic) && pool.isEmpty {
            logger.warning("learning curve skipped: no generated positive has passed every check, so synthetic has nothing to add at equal counts")
            return nil
        }
        return try LearningCurveWorkflow(
            settings: settings, strategies: config.rebalance.strategies, seeds: config.compare.seedList,
            recipeSeed: config.rebalance.seed, trainer: trainer
        ).run(workspace: target.workspace, protocolName: target.name, syntheticPositives: pool, arguments: arguments, logger: logger)
    }
}
