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
            workspace; `adeaug compare --tuned` uses it.
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

    @Option(help: "adeaug.yaml whose tune: section to start from (the flags override it).")
    var config: String?

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    /// The config's tune section (or the defaults) with every flag given laid over it.
    func settings() throws -> TuneSettings {
        var settings = try config.map { try PipelineConfig.load(path: $0).tune } ?? TuneSettings()
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
        let logger = global.makeLogger()
        // Flags and config first: a mistyped value is named before the workspace is opened.
        let settings = try settings()
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
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
        let outcome = try search.run(training: training) { point in
            var options: TrainingSettings = settings.freezeEncoder ? .linearProbe : .fineTune
            options.learningRate = point.learningRate
            options.batchSize = point.batchSize
            options.maxLength = point.maxLength
            options.epochs = point.epochs
            return BertClassifierTrainer(modelDirectory: try global.modelFolder(point.checkpoint), options: options)
        }
        try TuningStore(workspace: workspace).save(outcome, arguments: Array(CommandLine.arguments.dropFirst()))
        if json {
            print(try JSONText.encode(outcome, pretty: true))
        } else {
            for trial in outcome.trials {
                print(String(format: "F1 %.3f  %3.0f%% data  %6.0f s  ", trial.validationF1, trial.dataShare * 100, trial.seconds) + trial.hyperparameters.description)
            }
            print(String(format: "best (validation F1 %.3f): ", outcome.bestValidationF1) + outcome.best.description)
        }
    }

    static func joined<T>(_ values: [T]) -> String { values.map { "\($0)" }.joined(separator: ",") }

    static func list<T: LosslessStringConvertible>(_ text: String, _ flag: String) throws -> [T] {
        let values = text.split(separator: ",").map { T(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { throw ValidationError("\(flag): expected a comma-separated list, got \(text)") }
        return values.compactMap { $0 }
    }
}

extension HyperparameterSearch.Strategy: ExpressibleByArgument {}
