import AdeaugBERT
import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import ArgumentParser
import Foundation

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
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Comma-separated training sets or strategies (default: every set built by rebalance).")
    var conditions: String?

    @Option(help: "Training seeds per condition (1, 2, …).")
    var seeds = ComparisonSettings().seeds

    @OptionGroup var training: TrainingFlags

    @Option(help: "Checkpoint folder (default: the MiniLM checkpoint from setup).")
    var model: String?

    @Option(help: "Report folder (default: <workspace>/report).")
    var out: String?

    @Flag(help: "Use the best setting of the latest `adeaug tune` (learning rate, batch size, max length, epochs, checkpoint).")
    var tuned = false

    @Option(help: "Name of this workspace's protocol in the report (clean or published).")
    var protocolName = ComparisonProtocol.clean.rawValue

    /// The comparison's settings with the flags laid over them: with --freeze-encoder its
    /// frozen-encoder runs (what `adeaug run` compares), else its whole-encoder runs.
    func settings() throws -> (comparison: ComparisonSettings, training: TrainingSettings) {
        var comparison = ComparisonSettings()
        comparison.seeds = seeds
        comparison.model = model
        let training = try training.settings(from: self.training.freezeEncoder ? comparison.training : comparison.fullFineTune)
        if self.training.freezeEncoder { comparison.training = training } else { comparison.fullFineTune = training }
        return (comparison, training)
    }

    func run() throws {
        let logger = global.makeLogger()
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
        var (comparison, options) = try settings()
        if tuned {
            let best = try TuningStore(workspace: workspace).latest().best
            options.learningRate = best.learningRate
            options.batchSize = best.batchSize
            options.maxLength = best.maxLength
            options.epochs = best.epochs
            comparison.model = best.checkpoint
            logger.info("using the tuned setting: \(best)")
        }
        let trainer = try BertClassifierTrainer(comparison: comparison, training: options)
        let result = try CompareWorkflow(
            conditions: conditions?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            seeds: comparison.seedList, trainer: trainer
        ).run(workspace: workspace, protocolName: protocolName, arguments: Array(CommandLine.arguments.dropFirst()), logger: logger)
        let report = ComparisonReport(results: [result], quality: try SyntheticSetQualityReader().section(for: workspace))
        let path = try report.write(
            to: out ?? workspace.directory.appendingPathComponent("report").path, files: OutputFiles(key: workspace.encryptionKey))
        print(report.markdown)
        print("Report: \(path)")
    }
}
