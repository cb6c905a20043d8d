import AdeaugBERT
import AdeaugCore
import ArgumentParser
import Foundation

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a fine-tuned BERT folder on the workspace's test split: precision, recall, F1 (Adverse_Event), accuracy, confusion matrix, PR-AUC.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customLong("checkpoint"), .customLong("model")], help: "Fine-tuned Hugging Face folder (from `adeaug train`).")
    var checkpoint: String

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included.")
    var maxLength = 128

    @Option(help: "Also write per-sentence predictions (JSONL: text, label, predicted, probability) here.")
    var predictions: String?

    @Flag(help: "Print the metrics as JSON.")
    var json = false

    func run() throws {
        let result = try BertWorkflow.evaluate(
            workspace: try global.workspaceLocation(), checkpoint: try global.modelFolder(checkpoint), maxLength: maxLength,
            arguments: Array(CommandLine.arguments.dropFirst()))
        // A folder missing its classifier scores with a random head: say so.
        if let notice = result.loadReport.notice { global.makeLogger().warning("\(notice)") }
        if let predictions {
            let lines = try JSONLinesWriter.render(result.predictions.map { p in
                JSONValue.object([
                    "text": .string(p.text), "label": .string(BertWorkflow.labelNames[p.label]),
                    "predicted": .string(BertWorkflow.labelNames[p.probability >= 0.5 ? 1 : 0]), "probability": .number(Double(p.probability)),
                ])
            })
            try result.outputFiles.write(lines, to: predictions)
        }
        let m = result.metrics
        if json {
            var object: [String: Any] = m.summary
            object["checkpoint"] = result.checkpoint
            object["bert_run_id"] = result.bertRunID
            object["count"] = m.count
            object["confusion_tn_fp_fn_tp"] = [m.trueNegatives, m.falsePositives, m.falseNegatives, m.truePositives]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
        } else {
            print("test split: \(m.count) sentences, checkpoint \(result.checkpoint)")
            print(String(format: "Adverse_Event  precision %.4f  recall %.4f  F1 %.4f", m.precision, m.recall, m.f1))
            print(String(format: "accuracy %.4f  PR-AUC %.4f", m.accuracy, m.averagePrecision))
            print("confusion (rows: true, columns: predicted)")
            print("               Not_AE  Adverse_Event")
            print(String(format: "Not_AE        %7d  %13d", m.trueNegatives, m.falsePositives))
            print(String(format: "Adverse_Event %7d  %13d", m.falseNegatives, m.truePositives))
        }
    }
}
