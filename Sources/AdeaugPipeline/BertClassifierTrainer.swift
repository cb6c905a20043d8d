import AdeaugBERT
import AdeaugCore
import AdeaugExperiments
import Foundation

/// The built-in BERT trainer, as the experiments stage sees a classifier: fine-tune the
/// checkpoint on a training set with a seed, then score the test split.
public struct BertClassifierTrainer: ClassifierTrainer {
    public var modelDirectory: String
    public var options: TrainingOptions
    /// Linear probe, then fine-tune (LP-FT, Kumar et al. 2022): when set, a whole-encoder run
    /// first trains the fresh head alone with these (frozen-encoder) options. A fresh head at a
    /// fine-tuning rate barely moves in one epoch; with 1.5% positives it ended predicting no
    /// positive at all (F1 0.000 in the demo), while the probe reaches F1 ≈ 0.3 in seconds.
    public var headWarmStart: TrainingOptions?
    /// Called with each training progress report (for a progress bar).
    public var progress: @Sendable (TrainingProgress) -> Void
    /// With a frozen encoder, [CLS] states are computed once per sentence for all runs.
    private let cache = CLSStateCache()

    public init(modelDirectory: String, options: TrainingOptions, progress: @escaping @Sendable (TrainingProgress) -> Void = { _ in }) {
        self.modelDirectory = modelDirectory
        self.options = options
        self.progress = progress
    }

    public var fingerprint: String {
        let o = options
        var base = "bert(\(URL(fileURLWithPath: modelDirectory).lastPathComponent)) epochs=\(o.epochs) batch=\(o.batchSize) lr=\(o.learningRate) maxlen=\(o.maxLength) warmup=\(o.warmupFraction) frozen=\(o.freezeEncoder) classweights=\(o.classWeights)"
        if o.classWeights && o.weightedLossOverBatchSize == true { base += "/batch" }
        guard let probe = headWarmStart, !o.freezeEncoder else { return base }
        return base + " lpft(lr=\(probe.learningRate) epochs=\(probe.epochs))"
    }

    public func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
        var options = self.options
        options.seed = seed
        let network = try BertCheckpoint.load(directory: modelDirectory, numLabels: Label.allCases.count, seed: seed)
        let tokenizer = try BertTokenizer(modelDirectory: modelDirectory)
        let examples = training.map { LabelledText(text: $0.text, label: $0.label.rawValue) }
        var probeSeconds = 0.0
        if var probe = headWarmStart, !options.freezeEncoder {
            probe.seed = seed
            probe.freezeEncoder = true
            let headTrainer = BertTrainer(network: network, tokenizer: tokenizer, options: probe)
            headTrainer.clsCache = cache
            probeSeconds = headTrainer.train(examples, progress: progress).trainSeconds
        }
        let trainer = BertTrainer(network: network, tokenizer: tokenizer, options: options)
        trainer.clsCache = options.freezeEncoder ? cache : nil
        let report = trainer.train(examples, progress: progress)
        let probabilities: [Double]
        if options.freezeEncoder {
            probabilities = trainer.frozenProbabilities(test.map(\.text)).map(Double.init)
        } else {
            probabilities = BertPredictor(network: network, tokenizer: tokenizer, maxLength: options.maxLength)
                .positiveProbabilities(test.map(\.text)).map(Double.init)
        }
        return TrainedRun(probabilities: probabilities, lossPerEpoch: Self.lossPerEpoch(report), trainingSeconds: probeSeconds + report.trainSeconds)
    }

    /// Mean step loss within each epoch.
    static func lossPerEpoch(_ report: TrainingReport) -> [Double] {
        var sums: [Int: (Double, Int)] = [:]
        for step in report.steps {
            let epoch = max(0, Int((step.epoch - 1e-9).rounded(.down)))
            let (sum, count) = sums[epoch] ?? (0, 0)
            sums[epoch] = (sum + Double(step.loss), count + 1)
        }
        return sums.keys.sorted().map { sums[$0]!.0 / Double(sums[$0]!.1) }
    }
}
