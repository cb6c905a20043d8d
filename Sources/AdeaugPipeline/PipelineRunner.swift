import AdeaugBERT
import AdeaugContamination
import AdeaugCore
import AdeaugCorpus
import AdeaugExperiments
import AdeaugGeneration
import Foundation
import Logging

/// `adeaug run`: ingest, generate, check, rebalance and compare from one config, resuming
/// whatever an earlier run finished (the workspace remembers every step).
public struct PipelineRunner {
    public var config: PipelineConfig
    public var logger: Logger
    /// Makes the classifier for a comparison (frozen encoder or not, epochs). Default: the
    /// built-in BERT trainer on the configured checkpoint; tests hand in a fast one.
    public var makeTrainer: ((_ settings: TrainingSettings) throws -> any ClassifierTrainer)?
    /// The config's workspace with its keys (encrypted workspaces); `-published` gets the same.
    public var location: WorkspaceLocation
    /// Where tokens and AWS credentials are read from (the process's environment).
    public var environment = ProcessInfo.processInfo.environment

    public init(
        config: PipelineConfig, logger: Logger, keys: WorkspaceKeys? = nil, encrypt: Bool = false,
        makeTrainer: ((_ settings: TrainingSettings) throws -> any ClassifierTrainer)? = nil
    ) {
        self.config = config
        self.logger = logger
        self.makeTrainer = makeTrainer
        self.location = WorkspaceLocation(directory: config.workspace, keys: keys, encrypt: encrypt)
    }

    public struct Outcome: Sendable {
        public var reportPath: String
        public var results: [ProtocolComparison]
        public var markdown: String
    }

    public func run(arguments: [String]) throws -> Outcome {
        try config.validate()
        if config.generation.enabled {
            // Credentials, tokens and the template are read now, so a missing one stops the run
            // before the corpus is ingested or a server started (no request is sent here).
            do {
                _ = try config.generation.settings.makeOptions(fallbackURL: GenerationSettings.localServerURL, environment: environment)
            } catch let error as InvalidSetting {
                throw PipelineError.step(error.configDescription(section: "generation"))
            }
        }
        for shortfall in config.shortfalls { logger.warning("\(shortfall)") }
        let clean = try prepareWorkspace(location, split: config.corpus.split, arguments: arguments)

        // One frozen-encoder trainer for the label filter and the frozen comparisons: they share
        // its cache of sentence states, so the encoder runs once per sentence for all of them.
        let frozen = try trainer(config.compare.training)
        if config.generation.enabled {
            let existing = try clean.candidates(label: .adverseEvent).count
            logger.info("generate: \(existing) candidates in the workspace so far, target \(config.generationTarget) past every check")
            let summary = try GenerationStep(section: config.generation, logger: logger, environment: environment).run(
                workspace: clean, target: config.generationTarget, screens: try screens(clean, labelFilterTrainer: frozen),
                arguments: arguments)
            logger.info("generate: \(summary.message)")
            if let cost = summary.cost { logger.info("generate: \(cost)") }
        }
        try checkCandidates(in: clean, arguments: arguments)

        var results: [ProtocolComparison] = []
        let protocols: [(name: String, workspace: Workspace)]
        switch config.compare.protocol {
        case .clean: protocols = [("clean", clean)]
        case .published, .both:
            let published = try prepareWorkspace(location.sibling(directory: config.workspace + "-published"), split: .rows, arguments: arguments)
            try copyCandidates(from: clean, to: published)
            try checkCandidates(in: published, arguments: arguments)
            protocols = config.compare.protocol == .both ? [("clean", clean), ("published", published)] : [("published", published)]
        }

        var counts: [(protocolName: String, outcome: EqualCountRebalance.Outcome)] = []
        for (name, workspace) in protocols {
            let sets = try EqualCountRebalance(settings: config.rebalance, logger: logger)
                .run(in: workspace, labelFilterTrainer: frozen, arguments: arguments)
            counts.append((name, sets))
            let seeds = config.compare.seedList
            logger.info("compare (\(name)): \(config.rebalance.strategies.count + 1) conditions × \(seeds.count) seeds, encoder frozen")
            var result = try CompareWorkflow(conditions: sets.names, seeds: seeds, trainer: frozen)
                .run(workspace: workspace, protocolName: name, arguments: arguments, logger: logger)
            result.protocolName = "\(name), frozen encoder"
            results.append(result)
            if config.compare.fullFineTunePair, let first = config.rebalance.strategies.first, let firstSet = sets.names.first {
                logger.info("compare (\(name)): baseline and \(first.rawValue), whole encoder fine-tuned, one seed")
                var full = try CompareWorkflow(
                    conditions: [firstSet], seeds: [1], trainer: try trainer(config.compare.fullFineTune)
                ).run(workspace: workspace, protocolName: name, arguments: arguments, logger: logger)
                full.protocolName = "\(name), fine-tuned"
                results.append(full)
            }
        }
        let curve = try learningCurve(on: protocols[0], pool: counts[0].outcome.syntheticPositives, trainer: frozen, arguments: arguments)
        let reportFolder = config.report ?? URL(fileURLWithPath: config.workspace).appendingPathComponent("report").path
        let report = ComparisonReport(
            results: results, notes: try notes(clean), preface: try preface(counts, clean: clean), learningCurve: curve,
            quality: try SyntheticSetQualityReader().section(for: clean, labelFilterThreshold: config.rebalance.labelFilter))
        let path = try report.write(to: reportFolder, files: OutputFiles(key: clean.encryptionKey))
        return Outcome(reportPath: path, results: results, markdown: report.markdown)
    }

    /// Opens the workspace and ingests the corpus unless it already holds it with these settings.
    func prepareWorkspace(_ location: WorkspaceLocation, split: SplitMethod?, arguments: [String]) throws -> Workspace {
        let directory = location.directory
        let corpusPath = try CorpusLocator().locate(explicit: config.corpus.path)
        if let workspace = try openExisting(location), let report = try? CorpusReport(workspace: workspace),
            report.ingest.corpusPath == corpusPath, split == nil || report.ingest.splitMethod == split,
            report.ingest.seed == config.corpus.seed, report.ingest.testFraction == config.corpus.testFraction {
            logger.info("ingest: \(directory) already holds \(corpusPath) split \(report.ingest.splitMethod.rawValue) (seed \(config.corpus.seed))")
            return workspace
        }
        var options = config.corpus.ingestOptions(corpusPath: corpusPath)
        options.splitMethod = split
        let summary = try CorpusIngest(options: options).run(workspace: location, arguments: arguments, logger: logger)
        logger.info("ingest: \(summary.split.train.total) train / \(summary.split.test.total) test (\(summary.splitMethod.rawValue)) into \(directory)")
        return try Workspace(location: location, create: false)
    }

    /// The workspace when it exists; a missing one is nil, but a wrong or missing key is an
    /// error, and so is another process writing it (refused before the corpus is read).
    func openExisting(_ location: WorkspaceLocation) throws -> Workspace? {
        do {
            return try Workspace(location: location, create: false)
        } catch let error as WorkspaceEncryptionError {
            throw error
        } catch let error as WorkspaceLockError {
            throw error
        } catch {
            return nil
        }
    }

    /// Checks the candidates unless the latest check already judged every one of them.
    func checkCandidates(in workspace: Workspace, arguments: [String]) throws {
        let candidates = try workspace.candidates()
        guard !candidates.isEmpty else {
            logger.info("check: no candidates to check")
            return
        }
        let store = try VerdictStore(workspace: workspace)
        if try store.checkedCandidateIDs().isSuperset(of: candidates.map(\.id)) {
            logger.info("check: all \(candidates.count) candidates already checked")
            return
        }
        var check = WorkspaceCandidateCheck(workspace: workspace)
        check.pretrainingThreshold = config.check.pretrainingThreshold
        let verdicts = try check.run(pretraining: try pretrainingIndex(), arguments: arguments)
        let accepted = verdicts.filter { $0.verdict == .accepted }.count
        logger.info("check: \(accepted) of \(verdicts.count) candidates passed the contamination checks")
    }

    func copyCandidates(from source: Workspace, to destination: Workspace) throws {
        let have = Set(try destination.candidates().map(\.text))
        // Only what generation counted: the label filter judged those on the clean training split.
        let counted = try GenerationRecords.countedCandidateIDs(in: source)
        let missing = try source.candidates().filter { counted.contains($0.id) && !have.contains($0.text) }
        guard !missing.isEmpty else { return }
        try destination.database.transaction {
            let runID = try destination.recordRun(command: "run:copy-candidates", arguments: [source.directory.path])
            for candidate in missing {
                try destination.insertCandidate(text: candidate.text, label: candidate.label, origin: "copied:\(candidate.id)", runID: runID)
            }
        }
    }

    /// The classifier for runs with these settings: whole-encoder runs start from the linear
    /// probe of `compare.training` (LP-FT), the same trainer `adeaug compare` builds.
    func trainer(_ settings: TrainingSettings) throws -> any ClassifierTrainer {
        if let makeTrainer { return try makeTrainer(settings) }
        let log = TrainingProgressLog(logger: logger)
        return try BertClassifierTrainer(comparison: config.compare, training: settings, progress: { log.report($0) })
    }

    func pretrainingIndex() throws -> (any PretrainingLookup)? {
        try config.check.openIndex()
    }

    func notes(_ workspace: Workspace) throws -> [String] {
        let report = try CorpusReport(workspace: workspace)
        let candidates = try workspace.candidates()
        let accepted = try VerdictStore(workspace: workspace).acceptedCandidateIDs()
        return [
            "Corpus: \(report.ingest.corpusPath), \(report.ingest.deduplication.uniquePositive + report.ingest.deduplication.uniqueNegative) unique sentences, split \(report.ingest.splitMethod.rawValue) (seed \(report.ingest.seed)).",
            "Generated candidates: \(candidates.count); passed the contamination checks: \(accepted.count); counted by generation (past its filters and every screen, the label filter included): \(try GenerationRecords.countedCandidateIDs(in: workspace).count).",
            "Low-resource mode: \(config.rebalance.trainPositives.map { "\($0) real positives kept" } ?? "off"); added per strategy: \(config.rebalance.count.map(String.init) ?? "to ratio \(config.rebalance.ratio ?? 0.5)").",
            try GenerationCost(workspace: workspace, prices: config.generation.settings.prices).line,
        ]
    }
}
