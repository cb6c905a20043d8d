import AdeaugBERT
import AdeaugCore
import ArgumentParser
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fine-tune BERT (default all-MiniLM-L6-v2) on the workspace's train split and export a Hugging Face folder.",
        discussion: """
            A stratified validation slice of the train split is evaluated periodically; training stops early \
            when its F1 stops improving and the best parameters are kept. The folder (config.json, \
            model.safetensors, tokenizer files, training_log.json, loss_curve.csv) loads with \
            AutoModelForSequenceClassification.from_pretrained. With --freeze-encoder only the pooler and \
            classifier train, on [CLS] states computed once (defaults then: 20 epochs, lr 1e-3).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Checkpoint folder: config.json, vocab.txt and model.safetensors or pytorch_model.bin (default: $ADEAUG_MODEL, then ${ADEAUG_CACHE:-~/.cache/adeaug}/models/all-MiniLM-L6-v2).")
    var model: String?

    @Option(help: "Output folder (default: <workspace>/models/bert-<time>).")
    var out: String?

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included.")
    var maxLength = 128

    @Option(help: "Sentences per step.")
    var batchSize = 32

    @Option(help: "Passes over the training data (default 2; 20 with --freeze-encoder).")
    var epochs: Int?

    @Option(help: "Peak learning rate (default 5e-5; 1e-3 with --freeze-encoder).")
    var lr: Float?

    @Option(help: "Seed for the validation slice, shuffling, dropout and a new classifier head.")
    var seed: UInt64 = 42

    @Option(help: "Fraction of the steps spent warming the learning rate up.")
    var warmup: Float = 0.06

    @Flag(help: "Weigh the loss by inverse class frequency.")
    var classWeights = false

    @Flag(help: "Train only the head on cached [CLS] states (fast on CPUs).")
    var freezeEncoder = false

    @Option(help: "Fraction of the train split held out for validation (0: none, no early stopping).")
    var validationFraction = 0.1

    @Option(help: "Validation evaluations per epoch.")
    var evaluationsPerEpoch = 2

    @Option(help: "Evaluations without a better validation F1 before stopping.")
    var patience = 3

    @Option(help: "Clip the global gradient norm to this (0: off).")
    var maxGradNorm: Float = 1.0

    @Option(help: "AdamW weight decay (not on biases and LayerNorm).")
    var weightDecay: Float = 0.01

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard maxLength >= 2 && maxLength <= 512 else { throw ValidationError("--max-length must be in 2...512.") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be positive.") }
        guard (0..<1).contains(validationFraction) else { throw ValidationError("--validation-fraction must be in [0, 1).") }
    }

    func run() throws {
        var options = TrainingOptions()
        options.maxLength = maxLength
        options.batchSize = batchSize
        options.epochs = epochs ?? (freezeEncoder ? 20 : 2)
        options.learningRate = lr ?? (freezeEncoder ? 1e-3 : 5e-5)
        options.seed = seed
        options.warmupFraction = warmup
        options.classWeights = classWeights
        options.freezeEncoder = freezeEncoder
        options.validationFraction = validationFraction
        options.evaluationsPerEpoch = evaluationsPerEpoch
        options.patience = patience
        options.maxGradNorm = maxGradNorm
        options.weightDecay = weightDecay
        var bar = ProgressBar()
        let quiet = global.quiet
        let result = try BertWorkflow.train(
            workspace: try global.workspaceLocation(), model: model, output: out, options: options,
            arguments: Array(CommandLine.arguments.dropFirst())
        ) { if !quiet { bar.update($0) } }
        if !quiet { bar.finishLine() }
        let report = result.report
        let kept = report.validations.first { $0.step == report.keptStep }
        if json {
            var object: [String: Any] = [
                "checkpoint": result.checkpoint, "bert_run_id": result.bertRunID, "steps": report.steps.count,
                "kept_step": report.keptStep, "stopped_early": report.stoppedEarly, "train_seconds": report.trainSeconds,
                "samples_per_s": report.samplesPerSecond, "train_count": report.trainCount, "validation_count": report.validationCount,
            ]
            if let kept { object["validation"] = kept.metrics.summary }
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
        } else {
            print("trained on \(report.trainCount) sentences (\(report.validationCount) held out) in \(report.steps.count) steps, \(String(format: "%.0f", report.trainSeconds)) s, \(String(format: "%.1f", report.samplesPerSecond)) samples/s\(report.stoppedEarly ? ", stopped early" : "")")
            if let kept {
                print(String(format: "kept step %d: validation F1 %.4f (precision %.4f, recall %.4f)", kept.step, kept.metrics.f1, kept.metrics.precision, kept.metrics.recall))
            }
            print("checkpoint: \(result.checkpoint)")
        }
    }
}
