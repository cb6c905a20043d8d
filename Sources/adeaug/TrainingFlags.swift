import AdeaugBERT
import AdeaugCore
import ArgumentParser

/// The training flags of `train`, `compare` and `tune`: each overrides one field of the
/// `TrainingSettings` the command starts from (a preset, or the comparison's settings), so the
/// defaults live in the library and nowhere here.
struct TrainingFlags: ParsableArguments {
    @Flag(help: "Train only the head on cached [CLS] states (the linear_probe preset: \(TrainingFlags.summary(.linearProbe))); without it the whole encoder (fine_tune: \(TrainingFlags.summary(.fineTune))).")
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

    @Option(help: "What a batch's class-weighted loss is divided by: \(ClassWeightDivisor.choices.joined(separator: "|")).")
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
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return settings
    }

    static func summary(_ settings: TrainingSettings) -> String {
        "\(settings.epochs) epochs at lr \(settings.learningRate), batch \(settings.batchSize)"
    }
}

extension ClassWeightDivisor: ExpressibleByArgument {}
