import AdeaugBERT
import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import ArgumentParser
import Foundation
import Logging

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train the baseline and every rebalanced training set over several seeds; report F1 with confidence intervals.",
        discussion: """
            Each condition is trained with the same checkpoint, hyperparameters and test split. \
            Finished runs are kept in the workspace: a killed comparison resumes, nothing is \
            trained twice. Writes report.md (table first), report.json and SVG plots to --out.

            Defaults are adeaug.yaml's compare section, so this trains as `adeaug run` does and reuses \
            the runs it stored: with --freeze-encoder compare.training (\(TrainingFlags.summary(ComparisonSettings().training))); \
            without it compare.full_fine_tune (\(TrainingFlags.summary(ComparisonSettings().fullFineTune)), after a linear \
            probe of the head). Flags override single values.

            On a cluster the runs (condition × seed, and with --learning-curve budget × condition × \
            seed) split into array tasks: `--shard i/N` (or \
            $SLURM_ARRAY_TASK_ID, $JOB_COMPLETION_INDEX, $AWS_BATCH_JOB_ARRAY_INDEX with \
            --shard-count N) trains every N-th run into its own part, reading the workspace only; \
            `--merge` with the same options folds the parts in and writes the report. \
            `--executor slurm` submits both (docs/slurm.md).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Comma-separated training sets or strategies (default: every set built by rebalance).")
    var conditions: String?

    @Option(help: "Training seeds per condition (1, 2, …).")
    var seeds = ComparisonSettings().seeds

    @OptionGroup var training: TrainingFlags

    @Option(help: "Checkpoint folder or Hub name ORG/NAME[@REVISION] (default: the MiniLM checkpoint from setup).")
    var model: String?

    @Option(help: "Report folder (default: <workspace>/report).")
    var out: String?

    @Flag(help: "Use the best setting of the latest `adeaug tune` (learning rate, batch size, max length, epochs, checkpoint).")
    var tuned = false

    @Option(help: "Name of this workspace's protocol in the report (clean or published).")
    var protocolName = ComparisonProtocol.clean.rawValue

    @Flag(help: "Also run the learning curve (frozen encoder, compare.training): the comparison at each budget of real positives, every strategy adding the same number of positives.")
    var learningCurve = false

    @Option(help: "Learning-curve budgets of real positives, comma-separated; all = the whole split (default: \(ComparisonSettings().learningCurve.realPositives.map(\.description).joined(separator: ","))).")
    var realPositives: String?

    @Option(help: "Positives each strategy adds at each budget, comma-separated: shares of the real positives (+100%) or counts (200) (default: \(ComparisonSettings().learningCurve.added.map(\.description).joined(separator: ","))).")
    var added: String?

    @OptionGroup var arrayTask: ArrayTaskFlags

    @Flag(help: "Fold the array tasks' runs (<workspace>/runs/grid.parts/) into the workspace, then write the report; give the same options as the tasks.")
    var merge = false

    @OptionGroup(title: "Executor") var executor: ExecutorFlags

    /// The comparison's settings with the flags laid over them: with --freeze-encoder its
    /// frozen-encoder runs (what `adeaug run` compares), else its whole-encoder runs.
    func settings() throws -> (comparison: ComparisonSettings, training: TrainingSettings) {
        var comparison = ComparisonSettings()
        comparison.seeds = seeds
        comparison.model = model
        let training = try training.settings(from: self.training.freezeEncoder ? comparison.training : comparison.fullFineTune)
        if self.training.freezeEncoder { comparison.training = training } else { comparison.fullFineTune = training }
        if let realPositives {
            comparison.learningCurve.realPositives = try Self.list(realPositives).map { try RealPositiveBudget(parsing: $0) }
        }
        if let added {
            comparison.learningCurve.added = try Self.list(added).map { try AddedPositives(parsing: $0) }
        }
        return (comparison, training)
    }

    func run() throws {
        let startedAt = Date()
        let logger = global.makeLogger()
        // Flags first: a mistyped flag is named before the workspace is opened.
        var (comparison, options) = try settings()
        let executorSettings = try executor.settings()
        let task = try arrayTask.task()
        guard task == nil || !merge else { throw ValidationError("--merge folds every task's part: leave out --shard and --shard-count.") }
        if executorSettings.kind == .slurm {
            guard arrayTask.shard == nil, arrayTask.shardCount == nil, !merge else {
                throw ValidationError("--executor slurm splits the work and merges it itself: leave out --shard, --shard-count and --merge.")
            }
        }
        // A task and a submission only read the workspace; the merge and one process write to it.
        let reads = task != nil || executorSettings.kind == .slurm
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false, access: reads ? .read : .write)
        if tuned {
            let best = try TuningStore(workspace: workspace).latest().best
            comparison = comparison.tuned(by: best, freezeEncoder: training.freezeEncoder)
            options = training.freezeEncoder ? comparison.training : comparison.fullFineTune
            logger.info("using the tuned setting: \(best)")
        }
        let trainer = try BertClassifierTrainer(comparison: comparison, training: options)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let workflow = CompareWorkflow(conditions: conditions.map(Self.list), seeds: comparison.seedList, trainer: trainer)
        let splits = task != nil || merge || executorSettings.kind == .slurm
        // With --learning-curve the grid holds the curve's runs too, so its training sets are
        // built first; one process builds them after the comparison, as it always has.
        let curve = learningCurve && splits
            ? try curveWorkflow(workspace: workspace, comparison: comparison, options: options, trainer: trainer, storedVerdictsOnly: true, arguments: arguments, logger: logger)
            : nil
        let curveBatches = try curve.map { try $0.workflow.batches(workspace: workspace, protocolName: protocolName, syntheticPositives: $0.pool) } ?? []
        if executorSettings.kind == .slurm {
            // The grid is worked out here first, so a missing training set is named now, not in every task's log.
            let grid = try workflow.grid(workspace: workspace, protocolName: protocolName, curve: curveBatches)
            guard workspace.encryptionKey == nil else { throw ComparisonGridError.encryptedWorkspace(directory: workspace.directory.path) }
            logger.info("\(grid.cells.count) runs over \(min(executorSettings.tasks, grid.cells.count)) of \(executorSettings.tasks) tasks.")
            let options = ExecutorFlags.taskOptions(Array(CommandLine.arguments.dropFirst(2)))
            return try ArraySubmission(global: global, settings: executorSettings, dryRun: executor.dryRun).submit(
                kind: "compare", command: ["compare"], output: CompareWorkflow.gridOutput(of: workspace),
                options: options, inputs: [], merge: ["compare", "--merge"] + options)
        }
        if let task {
            let (done, before) = try workflow.runTask(
                task, workspace: workspace, protocolName: protocolName, curve: curveBatches, startedAt: startedAt, logger: logger)
            let runs = "\(done.files) run\(done.files == 1 ? "" : "s"), \(done.runs ?? 0) trained"
            logger.info("Task \(task) \(before ? "already complete" : "complete"): \(runs) (\(TaskPart(output: CompareWorkflow.gridOutput(of: workspace), task: task).markerPath)).")
            return
        }
        let result = merge
            ? try workflow.merge(workspace: workspace, protocolName: protocolName, curve: curveBatches, arguments: arguments, logger: logger)
            : try workflow.run(workspace: workspace, protocolName: protocolName, arguments: arguments, logger: logger)
        var curveResult: LearningCurve?
        if learningCurve {
            let planned = try curve ?? curveWorkflow(
                workspace: workspace, comparison: comparison, options: options, trainer: trainer, storedVerdictsOnly: false, arguments: arguments, logger: logger)
            curveResult = try planned.workflow.run(workspace: workspace, protocolName: protocolName, syntheticPositives: planned.pool, arguments: arguments, logger: logger)
        }
        let report = ComparisonReport(results: [result], learningCurve: curveResult, quality: try SyntheticSetQualityReader().section(for: workspace))
        let path = try report.write(
            to: out ?? workspace.directory.appendingPathComponent("report").path, files: OutputFiles(key: workspace.encryptionKey))
        print(report.markdown)
        print("Report: \(path)")
    }

    /// The learning curve's workflow (frozen encoder, compare.training) and the synthetic
    /// positives it draws from. `storedVerdictsOnly`: for array tasks (see
    /// `LearningCurveWorkflow.syntheticPositives`).
    func curveWorkflow(
        workspace: Workspace, comparison: ComparisonSettings, options: TrainingSettings, trainer: BertClassifierTrainer,
        storedVerdictsOnly: Bool, arguments: [String], logger: Logger
    ) throws -> (workflow: LearningCurveWorkflow, pool: [Candidate]) {
        let frozen = options.freezeEncoder ? trainer : try BertClassifierTrainer(comparison: comparison, training: comparison.training)
        var rebalance = RebalanceSettings()
        if let conditions {
            // A set's name starts with its strategy (`synthetic-negatives-n100` is not `synthetic`).
            rebalance.strategies = Self.list(conditions).compactMap { name in
                AugmentationStrategy.allCases.filter { name.hasPrefix($0.rawValue) }.max { $0.rawValue.count < $1.rawValue.count }
            }
        }
        let pool = try LearningCurveWorkflow.syntheticPositives(
            in: workspace, rebalance: rebalance, labelFilterTrainer: frozen, storedVerdictsOnly: storedVerdictsOnly,
            arguments: arguments, logger: logger)
        if rebalance.strategies.contains(.synthetic) && pool.isEmpty {
            throw ValidationError("--learning-curve: no generated positive has passed every check, so synthetic has nothing to add; run `adeaug generate` and `adeaug check`, or leave synthetic out with --conditions oversample,eda.")
        }
        let workflow = LearningCurveWorkflow(
            settings: comparison.learningCurve, strategies: rebalance.strategies, seeds: comparison.seedList,
            recipeSeed: rebalance.seed, trainer: frozen)
        return (workflow, pool)
    }

    /// A comma-separated flag value as its trimmed items.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
