import AdeaugBERT
import AdeaugCore
import ArgumentParser

/// The training flags of `train` and `compare`: each overrides one field of the
/// `TrainingSettings` the command starts from (a preset, or the comparison's settings), so the
/// defaults live in the library and nowhere here.
struct TrainingFlags: ParsableArguments {
    @Flag(help: "Train only the head on cached [CLS] states (fast on CPUs); the overview above says which settings each mode starts from.")
    var freezeEncoder = false

    @Option(help: "Passes over the training data.")
    var epochs: Int?

    @Option(name: [.customLong("lr"), .customLong("learning-rate")], help: "Peak learning rate.")
    var lr: Float?

    @Option(help: "Sentences per step.")
    var batchSize: Int?

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included (2...512).")
    var maxLength: Int?

    @Option(help: "Fraction of the steps spent warming the learning rate up.")
    var warmup: Float?

    @Flag(inversion: .prefixedNo, help: "Weigh the loss by inverse class frequency.")
    var classWeights: Bool?

    @Option(help: "What a batch's class-weighted loss is divided by (batch_size keeps it balanced when most batches hold no positive; total_weight is PyTorch's weighted mean).")
    var classWeightDivisor: ClassWeightDivisor?

    @Option(help: "Fraction of the training split held out for validation (0: none, no early stopping).")
    var validationFraction: Double?

    @Option(help: "Validation evaluations per epoch.")
    var evaluationsPerEpoch: Int?

    @Option(help: "Evaluations without a better validation F1 before stopping.")
    var patience: Int?

    @Option(help: "Clip the global gradient norm to this (0: off).")
    var maxGradNorm: Float?

    @Option(help: "AdamW weight decay (not on biases and LayerNorm).")
    var weightDecay: Float?

    @Flag(inversion: .prefixedNo, help: "Recompute each layer's activations in backward instead of keeping them: the same gradients in less memory (BERT-base: see docs/benchmarks.md), about a third slower.")
    var gradientCheckpointing: Bool?

    /// `base` with every flag given laid over it.
    func settings(from base: TrainingSettings) throws -> TrainingSettings {
        var settings = base
        if let epochs { settings.epochs = epochs }
        if let lr { settings.learningRate = lr }
        if let batchSize { settings.batchSize = batchSize }
        if let maxLength { settings.maxLength = maxLength }
        if let warmup { settings.warmupFraction = warmup }
        if let classWeights { settings.classWeights = classWeights }
        if let classWeightDivisor { settings.classWeightDivisor = classWeightDivisor }
        if let validationFraction { settings.validationFraction = validationFraction }
        if let evaluationsPerEpoch { settings.evaluationsPerEpoch = evaluationsPerEpoch }
        if let patience { settings.patience = patience }
        if let maxGradNorm { settings.maxGradNorm = maxGradNorm }
        if let weightDecay { settings.weightDecay = weightDecay }
        if let gradientCheckpointing { settings.gradientCheckpointing = gradientCheckpointing }
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return settings
    }

    /// One line of a command's overview: what a mode's runs start from.
    static func summary(_ settings: TrainingSettings) -> String {
        let weights = settings.classWeights ? ", class-weighted loss over \(settings.classWeightDivisor.rawValue)" : ""
        let epochs = settings.epochs == 1 ? "1 epoch" : "\(settings.epochs) epochs"
        return "\(epochs) at lr \(settings.learningRate), batch \(settings.batchSize), max length \(settings.maxLength)\(weights)"
    }
}

extension ClassWeightDivisor: ExpressibleByArgument {}
