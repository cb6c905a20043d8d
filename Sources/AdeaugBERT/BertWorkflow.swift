import AdeaugCore
import Foundation

/// The `train` and `evaluate` commands end to end, so the executable only parses options:
/// read the workspace split, load the checkpoint, run, export, record the run.
public enum BertWorkflow {
    public static let labelNames = Label.allCases.map(\.name)

    public struct TrainResult: Sendable {
        public var checkpoint: String
        public var report: TrainingReport
        public var bertRunID: Int64
        /// How the starting checkpoint was loaded (heads initialised, tensors ignored).
        public var loadReport: CheckpointLoadReport
    }

    /// `loaded` hears how the checkpoint was loaded before training starts, so the CLI can say
    /// which heads are new while the user waits.
    public static func train(
        workspace location: WorkspaceLocation, model: String?, output: String?, options: TrainingSettings, arguments: [String],
        loaded: (CheckpointLoadReport) -> Void = { _ in }, progress: (TrainingProgress) -> Void = { _ in }
    ) throws -> TrainResult {
        let startedAt = Timestamp.now()
        let workspace = try Workspace(location: location, create: false)
        let store = try BertRunStore(workspace: workspace)
        let examples = try workspace.examples(split: .train).map { LabelledText(text: $0.text, label: $0.label.rawValue, exampleID: $0.id) }
        guard !examples.isEmpty else { throw WorkspaceError.noCorpus(directory: location.directory) }
        // Sealed with the workspace's key when it is encrypted; a sealed starting checkpoint opens with it too.
        let files = OutputFiles(key: workspace.encryptionKey)
        let modelDirectory = try ModelLocator.resolve(explicit: model)
        let checkpoint = try BertCheckpoint.loadReporting(directory: modelDirectory, numLabels: labelNames.count, seed: options.seed, files: files)
        let network = checkpoint.network
        try network.config.checkMaxLength(options.maxLength, directory: modelDirectory)
        let tokenizer = try BertTokenizer(modelDirectory: modelDirectory, files: files)
        try network.config.checkVocabulary(tokenizer.vocabulary, directory: modelDirectory)
        loaded(checkpoint.report)
        let trainer = BertTrainer(network: network, tokenizer: tokenizer, options: options)
        let report = trainer.train(examples, progress: progress)
        let stamp = startedAt.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        let exported = output ?? workspace.directory.appendingPathComponent("models/bert-\(stamp)").path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try BertCheckpoint.export(
            network, tokenizerSource: modelDirectory, to: exported, labelNames: labelNames,
            extraFiles: ["training_log.json": try encoder.encode(report), "loss_curve.csv": Data(report.lossCurveCSV.utf8)],
            files: files)
        let id = try store.recordTraining(
            command: "train", arguments: arguments, model: modelDirectory, checkpoint: exported, report: report, startedAt: startedAt)
        return TrainResult(checkpoint: exported, report: report, bertRunID: id, loadReport: checkpoint.report)
    }

    public struct EvaluateResult: Sendable {
        public var checkpoint: String
        public var metrics: ClassificationMetrics
        public var bertRunID: Int64
        public var predictions: [(text: String, label: Int, probability: Float)]
        /// How files made from this evaluation are written (sealed when the workspace is encrypted).
        public var outputFiles: OutputFiles
        /// How the checkpoint was loaded; a fine-tuned folder initialises nothing.
        public var loadReport: CheckpointLoadReport
    }

    /// Scores a fine-tuned folder on the workspace's test split and stores the predictions.
    public static func evaluate(
        workspace location: WorkspaceLocation, checkpoint: String, maxLength: Int = 128, arguments: [String],
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> EvaluateResult {
        let startedAt = Timestamp.now()
        let workspace = try Workspace(location: location, create: false)
        let store = try BertRunStore(workspace: workspace)
        let examples = try workspace.examples(split: .test)
        guard !examples.isEmpty else { throw WorkspaceError.noCorpus(directory: location.directory) }
        let files = OutputFiles(key: workspace.encryptionKey)
        let directory = try ModelLocator.resolve(explicit: checkpoint)
        let loaded = try BertCheckpoint.loadReporting(directory: directory, numLabels: labelNames.count, files: files)
        let network = loaded.network
        try network.config.checkMaxLength(maxLength, directory: directory)
        let tokenizer = try BertTokenizer(modelDirectory: directory, files: files)
        try network.config.checkVocabulary(tokenizer.vocabulary, directory: directory)
        let predictor = BertPredictor(network: network, tokenizer: tokenizer, maxLength: maxLength)
        let probabilities = predictor.positiveProbabilities(examples.map(\.text)) { progress($0, examples.count) }
        let labels = examples.map(\.label.rawValue)
        let metrics = ClassificationMetrics(labels: labels, probabilities: probabilities)
        let id = try store.recordEvaluation(
            command: "evaluate", arguments: arguments, checkpoint: directory, metrics: metrics,
            predictions: zip(examples, probabilities).map { ($0.id, $0.label.rawValue, $1) }, startedAt: startedAt)
        return EvaluateResult(
            checkpoint: directory, metrics: metrics, bertRunID: id,
            predictions: zip(examples, probabilities).map { ($0.text, $0.label.rawValue, $1) }, outputFiles: files,
            loadReport: loaded.report)
    }
}
