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

    @Option(help: "random|halving")
    var strategy: HyperparameterSearch.Strategy = .successiveHalving

    @Option(help: "Settings to sample.")
    var trials = 9

    @Option(help: "Share of the training split held out for validation.")
    var validationFraction = 0.2

    @Option(help: "Checkpoint to consider: a folder or a Hub name ORG/NAME[@REVISION] (repeatable; each is tried in the first round; default: the MiniLM checkpoint from setup).")
    var model: [String] = []

    @Option(help: "Learning rates to consider (comma-separated).")
    var learningRates = "2e-5,3e-5,5e-5,1e-4"

    @Option(help: "Batch sizes to consider (comma-separated).")
    var batchSizes = "16,32"

    @Option(help: "Max lengths to consider (comma-separated).")
    var maxLengths = "64,128"

    @Option(help: "Epochs to consider (comma-separated).")
    var epochs = "1,2,3"

    @Flag(help: "Train only the head on cached sentence states (fast on CPUs).")
    var freezeEncoder = false

    @Option(help: "Seed for the slice, the sampling and training.")
    var seed: UInt64 = 42

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    func run() throws {
        let logger = global.makeLogger()
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
        let training = try workspace.examples(split: .train)
        guard !training.isEmpty else { throw WorkspaceError.noCorpus(directory: global.workspace) }
        // Every checkpoint is fetched and checked before the first trial; a Hub name is kept as
        // given, so the report names it and `compare --tuned` finds it in the cache again.
        let checkpoints = try model.isEmpty ? [global.modelFolder(nil)] : model.map { given in
            let folder = try global.modelFolder(given)
            return HubModelReference(given) == nil ? folder : given
        }
        var space = SearchSpace(checkpoints: checkpoints)
        space.learningRates = try Self.list(learningRates, "--learning-rates")
        space.batchSizes = try Self.list(batchSizes, "--batch-sizes")
        space.maxLengths = try Self.list(maxLengths, "--max-lengths")
        space.epochs = try Self.list(epochs, "--epochs")
        var search = HyperparameterSearch(space: space, strategy: strategy, trials: trials, validationFraction: validationFraction, seed: seed)
        search.onTrial = { number, settings, share in
            logger.info("trial \(number): \(settings) on \(Int(share * 100))% of the fitting data")
        }
        let outcome = try search.run(training: training) { settings in
            var options: TrainingSettings = freezeEncoder ? .linearProbe : .fineTune
            options.learningRate = settings.learningRate
            options.batchSize = settings.batchSize
            options.maxLength = settings.maxLength
            options.epochs = settings.epochs
            return BertClassifierTrainer(modelDirectory: try global.modelFolder(settings.checkpoint), options: options)
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

    static func list<T: LosslessStringConvertible>(_ text: String, _ flag: String) throws -> [T] {
        let values = text.split(separator: ",").map { T(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { throw ValidationError("\(flag): expected a comma-separated list, got \(text)") }
        return values.compactMap { $0 }
    }
}

extension HyperparameterSearch.Strategy: ExpressibleByArgument {}
