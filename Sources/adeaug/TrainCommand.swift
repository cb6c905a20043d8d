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
            classifier train, on [CLS] states computed once.

            Every flag left out keeps the preset's value: fine_tune (\(TrainingFlags.summary(.fineTune))), \
            or with --freeze-encoder linear_probe (\(TrainingFlags.summary(.linearProbe))).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Checkpoint folder (config.json, vocab.txt and model.safetensors or pytorch_model.bin) or Hub name ORG/NAME[@REVISION], fetched into the Hugging Face cache (default: $ADEAUG_MODEL, then ${ADEAUG_CACHE:-~/.cache/adeaug}/models/all-MiniLM-L6-v2).")
    var model: String?

    @Option(help: "Output folder (default: <workspace>/models/bert-<time>).")
    var out: String?

    @OptionGroup var training: TrainingFlags

    @Option(help: "Seed for the validation slice, shuffling, dropout and a new classifier head.")
    var seed: UInt64 = TrainingSettings.fineTune.seed

    @Flag(help: "Print the summary as JSON.")
    var json = false

    /// The preset (by --freeze-encoder) with the flags laid over it.
    func settings() throws -> TrainingSettings {
        var settings = try training.settings(from: training.freezeEncoder ? .linearProbe : .fineTune)
        settings.seed = seed
        return settings
    }

    func run() throws {
        let options = try settings()
        var bar = ProgressBar()
        let quiet = global.quiet
        let logger = global.makeLogger()
        let result = try BertWorkflow.train(
            workspace: try global.workspaceLocation(), model: try global.modelFolder(model), output: out, options: options,
            arguments: Array(CommandLine.arguments.dropFirst()),
            loaded: { if let notice = $0.notice { logger.warning("\(notice)") } },
            progress: { if !quiet { bar.update($0) } })
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
