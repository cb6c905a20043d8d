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
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Comma-separated training sets or strategies (default: every set built by rebalance).")
    var conditions: String?

    @Option(help: "Training seeds per condition.")
    var seeds = 3

    @Flag(help: "Train only the head on cached sentence states (fast on CPUs).")
    var freezeEncoder = false

    @Option(help: "Epochs per training run.")
    var epochs = 2

    @Option(help: "Learning rate.")
    var lr: Float = 5e-5

    @Option(help: "Batch size.")
    var batchSize = 32

    @Option(help: "Maximum tokens per sentence.")
    var maxLength = 128

    @Option(help: "Checkpoint folder (default: the MiniLM checkpoint from setup).")
    var model: String?

    @Option(help: "Report folder (default: <workspace>/report).")
    var out: String?

    @Flag(help: "Use the best setting of the latest `adeaug tune` (learning rate, batch size, max length, epochs, checkpoint).")
    var tuned = false

    @Option(help: "Name of this workspace's protocol in the report (clean or published).")
    var protocolName = "clean"

    func run() throws {
        let logger = global.makeLogger()
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
        var options = TrainingOptions()
        options.epochs = epochs
        options.learningRate = lr
        options.batchSize = batchSize
        options.maxLength = maxLength
        options.freezeEncoder = freezeEncoder
        var checkpoint = try ModelLocator.resolve(explicit: model)
        if tuned {
            let best = try TuningStore(workspace: workspace).latest().best
            options.learningRate = best.learningRate
            options.batchSize = best.batchSize
            options.maxLength = best.maxLength
            options.epochs = best.epochs
            checkpoint = best.checkpoint
            logger.info("using the tuned setting: \(best)")
        }
        let trainer = BertClassifierTrainer(modelDirectory: checkpoint, options: options)
        let result = try CompareWorkflow(
            conditions: conditions?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            seeds: (1...max(1, seeds)).map(UInt64.init), trainer: trainer
        ).run(workspace: workspace, protocolName: protocolName, arguments: Array(CommandLine.arguments.dropFirst()), logger: logger)
        let report = ComparisonReport(results: [result])
        let path = try report.write(
            to: out ?? workspace.directory.appendingPathComponent("report").path, files: OutputFiles(key: workspace.encryptionKey))
        print(report.markdown)
        print("Report: \(path)")
    }
}
