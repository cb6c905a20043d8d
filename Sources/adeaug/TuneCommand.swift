import AdeaugBERT
import AdeaugCore
import AdeaugExperiments
import AdeaugHub
import AdeaugPipeline
import ArgumentParser
import Foundation

struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Search learning rate, batch size, max length, epochs and checkpoint on a validation slice of the training split.",
        discussion: """
            The test split is never used. `halving` (successive halving) trains every sampled \
            setting on a ninth or a third of the fitting data and keeps the best third each round; \
            `random` trains every setting on all of it. The best setting is stored in the \
            workspace; `adeaug compare --tuned` uses it. With `--config adeaug.yaml` the \
            search starts from its tune: section, and each flag given overrides one value.

            On a cluster each round is one array job: `--round R` with `--shard i/N` (or a \
            scheduler's index and --shard-count N) trains every N-th setting of the round, \
            `--merge --round R` folds the round and picks the survivors; after the last round \
            it stores the best setting. `--executor slurm --round R` submits a round and its \
            merge; submit the next round once it is merged (docs/slurm.md).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "random|halving (default: halving).")
    var strategy: HyperparameterSearch.Strategy?

    @Option(help: "Settings to sample (default: \(TuneSettings().trials)).")
    var trials: Int?

    @Option(help: "Share of the training split held out for validation (default: \(TuneSettings().validationFraction)).")
    var validationFraction: Double?

    @Option(help: "Checkpoint to consider: a folder or a Hub name ORG/NAME[@REVISION] (repeatable; each is tried in the first round; default: tune.checkpoints, else the MiniLM checkpoint from setup).")
    var model: [String] = []

    @Option(help: "Learning rates to consider, comma-separated (default: \(Self.joined(TuneSettings().learningRates))).")
    var learningRates: String?

    @Option(help: "Batch sizes to consider, comma-separated (default: \(Self.joined(TuneSettings().batchSizes))).")
    var batchSizes: String?

    @Option(help: "Max lengths to consider, comma-separated (default: \(Self.joined(TuneSettings().maxLengths))).")
    var maxLengths: String?

    @Option(help: "Epochs to consider, comma-separated (default: \(Self.joined(TuneSettings().epochs))).")
    var epochs: String?

    @Flag(inversion: .prefixedNo, help: "Train only the head on cached sentence states (fast on CPUs; default: off).")
    var freezeEncoder: Bool?

    @Option(help: "Seed for the slice, the sampling and training (default: \(TuneSettings().seed)).")
    var seed: UInt64?

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    @Option(help: "Round of a search split into array jobs (with --shard, --merge or --executor slurm): 0 trains the sampled settings, each later round the survivors of the round before, once that one is merged.")
    var round: Int?

    @OptionGroup var arrayTask: ArrayTaskFlags

    @Flag(help: "Fold the round's array tasks (<workspace>/runs/round-R.parts/); after the last round, store the best setting as one process would. Give the same options as the tasks.")
    var merge = false

    @OptionGroup(title: "Executor") var executor: ExecutorFlags

    /// The config's tune section (or the defaults) with every flag given laid over it.
    func settings() throws -> TuneSettings {
        var settings = try executor.config.map { try PipelineConfig.load(path: $0).tune } ?? TuneSettings()
        if let strategy { settings.strategy = strategy }
        if let trials { settings.trials = trials }
        if let validationFraction { settings.validationFraction = validationFraction }
        if !model.isEmpty { settings.checkpoints = model }
        if let learningRates { settings.learningRates = try Self.list(learningRates, "--learning-rates") }
        if let batchSizes { settings.batchSizes = try Self.list(batchSizes, "--batch-sizes") }
        if let maxLengths { settings.maxLengths = try Self.list(maxLengths, "--max-lengths") }
        if let epochs { settings.epochs = try Self.list(epochs, "--epochs") }
        if let freezeEncoder { settings.freezeEncoder = freezeEncoder }
        if let seed { settings.seed = seed }
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return settings
    }

    func run() throws {
        let startedAt = Date()
        let logger = global.makeLogger()
        // Flags and config first: a mistyped value is named before the workspace is opened.
        let settings = try settings()
        let executorSettings = try executor.settings()
        let task = try arrayTask.task()
        let distributed = task != nil || merge || executorSettings.kind == .slurm
        if !distributed, round != nil {
            throw ValidationError("--round splits a search into array jobs: give it with --shard i/N, --merge or --executor slurm.")
        }
        if task != nil && merge { throw ValidationError("--merge folds every task's part: leave out --shard and --shard-count.") }
        if executorSettings.kind == .slurm, arrayTask.shard != nil || arrayTask.shardCount != nil || merge {
            throw ValidationError("--executor slurm splits the round and merges it itself: leave out --shard, --shard-count and --merge.")
        }
        // Tasks and a submission only read the workspace; the merge and one process write to it.
        let reads = task != nil || executorSettings.kind == .slurm
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false, access: reads ? .read : .write)
        let training = try workspace.examples(split: .train)
        guard !training.isEmpty else { throw WorkspaceError.noCorpus(directory: global.workspace) }
        // Every checkpoint is fetched and checked before the first trial; a Hub name is kept as
        // given, so the report names it and `compare --tuned` finds it in the cache again.
        let checkpoints = try settings.checkpoints.isEmpty ? [global.modelFolder(nil)] : settings.checkpoints.map { given in
            let folder = try global.modelFolder(given)
            return HubModelReference(given) == nil ? folder : given
        }
        var search = settings.search(checkpoints: checkpoints)
        search.onTrial = { number, settings, share in
            logger.info("trial \(number): \(settings) on \(Int(share * 100))% of the fitting data")
        }
        let makeTrainer = { (point: Hyperparameters) throws -> any ClassifierTrainer in
            var options: TrainingSettings = settings.freezeEncoder ? .linearProbe : .fineTune
            options.learningRate = point.learningRate
            options.batchSize = point.batchSize
            options.maxLength = point.maxLength
            options.epochs = point.epochs
            return BertClassifierTrainer(modelDirectory: try global.modelFolder(point.checkpoint), options: options)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard distributed else {
            let outcome = try search.run(training: training, makeTrainer: makeTrainer)
            try TuningStore(workspace: workspace).save(outcome, arguments: arguments)
            return try show(outcome)
        }
        let runs = workspace.directory.appendingPathComponent("runs").path
        let tuning = try TuningRound(
            search: search, training: training, round: round ?? 0, folder: runs, trainerFingerprint: { try makeTrainer($0).fingerprint })
        if executorSettings.kind == .slurm {
            guard workspace.encryptionKey == nil else { throw ComparisonGridError.encryptedWorkspace(directory: workspace.directory.path) }
            try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
            logger.info("round \(tuning.round) of \(tuning.plan.shares.count): \(tuning.candidates.count) settings over \(min(executorSettings.tasks, tuning.candidates.count)) of \(executorSettings.tasks) tasks.")
            var options = ExecutorFlags.taskOptions(Array(CommandLine.arguments.dropFirst(2)))
            // The tasks and the merge read the same tune: section (their --executor local wins
            // over the config's executor: section).
            if let config = executor.config { options += ["--config", URL(fileURLWithPath: config).path] }
            return try ArraySubmission(global: global, settings: executorSettings, dryRun: executor.dryRun).submit(
                kind: "tune", command: ["tune"], output: tuning.output, options: options, inputs: [], merge: ["tune", "--merge"] + options)
        }
        if let task {
            guard workspace.encryptionKey == nil else { throw ComparisonGridError.encryptedWorkspace(directory: workspace.directory.path) }
            let roundTask = TuningRoundTask(round: tuning, task: task, startedAt: startedAt)
            if let done = try roundTask.completion() {
                logger.info("Task \(task) of round \(tuning.round) already complete (\(roundTask.part.markerPath)): \(done.files) settings.")
                return
            }
            let done = try roundTask.run(makeTrainer: makeTrainer) { settings, reused in
                logger.info("round \(tuning.round): \(settings)\(reused ? ": done before, reusing it" : "")")
            }
            logger.info("Task \(task) of round \(tuning.round) complete: \(done.files) settings, \(done.runs ?? 0) trained (\(roundTask.part.markerPath)).")
            return
        }
        let merged = try TuningRoundTask.merge(tuning)
        guard tuning.isLast else {
            let survivors = HyperparameterSearch.survivors(of: merged.trials)
            print("Round \(tuning.round) merged: \(survivors.count) of \(merged.trials.count) settings go on. Next: the same command with --round \(tuning.round + 1) (and --executor slurm, or --shard i/N then --merge).")
            return
        }
        let earlier = try (0..<tuning.round).flatMap { index -> [HyperparameterSearch.Trial] in
            let output = TuningRound.output(folder: runs, round: index)
            guard let result = TuningRoundResult.read(of: output) else { throw TuningRoundError.previousNotMerged(round: index + 1, path: output + ".json") }
            return result.trials
        }
        let outcome = HyperparameterSearch.outcome(lastRound: merged.trials, trials: earlier + merged.trials, plan: tuning.plan)
        try TuningStore(workspace: workspace).save(outcome, arguments: arguments)
        try show(outcome)
    }

    private func show(_ outcome: HyperparameterSearch.Outcome) throws {
        if json {
            print(try JSONText.encode(outcome, pretty: true))
        } else {
            for trial in outcome.trials {
                print(String(format: "F1 %.3f  %3.0f%% data  %6.0f s  ", trial.validationF1, trial.dataShare * 100, trial.seconds) + trial.hyperparameters.description)
            }
            print(String(format: "best (validation F1 %.3f): ", outcome.bestValidationF1) + outcome.best.description)
        }
    }

    static func list<T: LosslessStringConvertible>(_ text: String, _ flag: String) throws -> [T] {
        let values = text.split(separator: ",").map { T(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { throw ValidationError("\(flag): expected a comma-separated list, got \(text)") }
        return values.compactMap { $0 }
    }

    static func joined<T>(_ values: [T]) -> String { values.map { "\($0)" }.joined(separator: ",") }
}

extension HyperparameterSearch.Strategy: ExpressibleByArgument {}
