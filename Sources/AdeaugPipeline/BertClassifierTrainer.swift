import AdeaugBERT
import AdeaugCore
import AdeaugExperiments
import Foundation

/// The built-in BERT trainer, as the experiments stage sees a classifier: fine-tune the
/// checkpoint on a training set with a seed, then score the test split.
public struct BertClassifierTrainer: ClassifierTrainer {
    public var modelDirectory: String
    public var options: TrainingSettings
    /// Linear probe, then fine-tune (LP-FT, Kumar et al. 2022): when set, a whole-encoder run
    /// first trains the fresh head alone with these (frozen-encoder) options. A fresh head at a
    /// fine-tuning rate barely moves in one epoch; with 1.5% positives it ended predicting no
    /// positive at all (F1 0.000 in the demo), while the probe reaches F1 ≈ 0.3 in seconds.
    public var headWarmStart: TrainingSettings?
    /// Called with each training progress report (for a progress bar).
    public var progress: @Sendable (TrainingProgress) -> Void
    /// With a frozen encoder, [CLS] states are computed once per sentence for all runs.
    let cache = CLSStateCache()

    public init(modelDirectory: String, options: TrainingSettings, progress: @escaping @Sendable (TrainingProgress) -> Void = { _ in }) {
        self.modelDirectory = modelDirectory
        self.options = options
        self.progress = progress
    }

    /// The trainer a comparison uses for runs with `training`: the comparison's checkpoint, and
    /// for whole-encoder runs the comparison's linear probe first (LP-FT).
    public init(comparison: ComparisonSettings, training: TrainingSettings, progress: @escaping @Sendable (TrainingProgress) -> Void = { _ in }) throws {
        self.init(modelDirectory: try ModelSource.resolve(comparison.model), options: training, progress: progress)
        if !training.freezeEncoder { headWarmStart = comparison.training }
    }

    /// Every setting but the seed (stored runs are reused only when all of them match).
    public var fingerprint: String {
        var base = "bert(\(ModelSource.displayName(of: modelDirectory))) \(Self.describe(options))"
        guard let probe = headWarmStart, !options.freezeEncoder else { return base }
        base += " lpft(\(Self.describe(probe)))"
        return base
    }

    static func describe(_ settings: TrainingSettings) -> String {
        var settings = settings
        settings.seed = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(settings)) ?? Data(), as: UTF8.self)
    }

    public func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
        var options = self.options
        options.seed = seed
        let network = try BertCheckpoint.load(directory: modelDirectory, numLabels: Label.allCases.count, seed: seed)
        let tokenizer = try BertTokenizer(modelDirectory: modelDirectory)
        // Refused here, with the checkpoint named, rather than stopped inside the encoder.
        try network.config.checkMaxLength(options.maxLength, directory: modelDirectory)
        if let probe = headWarmStart { try network.config.checkMaxLength(probe.maxLength, directory: modelDirectory) }
        try network.config.checkVocabulary(tokenizer.vocabulary, directory: modelDirectory)
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
        func score(_ texts: [String]) -> [Double] {
            let probabilities = options.freezeEncoder
                ? trainer.frozenProbabilities(texts)
                : BertPredictor(network: network, tokenizer: tokenizer, maxLength: options.maxLength).positiveProbabilities(texts)
            return probabilities.map(Double.init)
        }
        // The slice BertTrainer held out for early stopping (the split depends only on labels,
        // count and seed, so splitting positions gives the same slice), scored by the kept model:
        // the comparison picks its decision threshold there, never on the test split.
        let positions = examples.enumerated().map { LabelledText(text: $0.element.text, label: $0.element.label, exampleID: Int64($0.offset)) }
        let heldOut = BertTrainer.validationSplit(positions, fraction: options.validationFraction, seed: options.seed).validation.compactMap { $0.exampleID.map(Int.init) }
        let usable = ValidationSlice.usablePositions(training: training, heldOut: heldOut)
        let validation = usable.isEmpty ? nil : ValidationSlice(
            labels: usable.map { training[$0].label == .adverseEvent }, probabilities: score(usable.map { training[$0].text }))
        return TrainedRun(
            probabilities: score(test.map(\.text)), lossPerEpoch: Self.lossPerEpoch(report),
            trainingSeconds: probeSeconds + report.trainSeconds, validation: validation)
    }

    /// Fills the [CLS] cache (frozen-encoder runs, and the linear probe before a whole-encoder
    /// run) from `sentences` in their order, once, so no run depends on the runs before it.
    public func prepare(sentences: [String]) throws {
        var lengths: [Int] = []
        if options.freezeEncoder { lengths.append(options.maxLength) }
        if let probe = headWarmStart, !options.freezeEncoder { lengths.append(probe.maxLength) }
        guard !lengths.isEmpty else { return }
        let network = try BertCheckpoint.load(directory: modelDirectory, numLabels: Label.allCases.count, seed: 0)
        let tokenizer = try BertTokenizer(modelDirectory: modelDirectory)
        for maxLength in Set(lengths).sorted() {
            try network.config.checkMaxLength(maxLength, directory: modelDirectory)
            var settings = options
            settings.maxLength = maxLength
            settings.freezeEncoder = true
            let trainer = BertTrainer(network: network, tokenizer: tokenizer, options: settings)
            trainer.clsCache = cache
            trainer.warmCLSCache(sentences)
        }
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
