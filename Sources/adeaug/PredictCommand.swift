import AdeaugBERT
import AdeaugCore
import ArgumentParser
import Foundation

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify sentences with a fine-tuned BERT folder: text lines or JSONL (`text`) from FILE or stdin, JSONL out (text, label, probability of Adverse_Event).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Fine-tuned Hugging Face folder (from `adeaug train`; one written from an encrypted workspace opens with that workspace's key).")
    var model: String

    @Argument(help: "Input file (default: standard input).")
    var file: String?

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included.")
    var maxLength = 128

    @Option(help: "Sentences per batch.")
    var batchSize = 64

    func run() throws {
        let directory = try global.modelFolder(model)
        let texts = try InputTexts.read(path: file)
        let files = try global.outputFiles()
        let loaded = try BertCheckpoint.loadReporting(directory: directory, numLabels: BertWorkflow.labelNames.count, files: files)
        let network = loaded.network
        try network.config.checkMaxLength(maxLength, directory: directory)
        // A folder missing its classifier predicts with a random head: say so.
        if let notice = loaded.report.notice { global.makeLogger().warning("\(notice)") }
        let tokenizer = try BertTokenizer(modelDirectory: directory, files: files)
        try network.config.checkVocabulary(tokenizer.vocabulary, directory: directory)
        let predictor = BertPredictor(network: network, tokenizer: tokenizer, maxLength: maxLength, batchSize: batchSize)
        let probabilities = predictor.positiveProbabilities(texts)
        var output = ""
        for (text, probability) in zip(texts, probabilities) {
            output += try JSONLinesWriter.line(JSONValue.object([
                "text": .string(text), "label": .string(BertWorkflow.labelNames[probability >= 0.5 ? 1 : 0]),
                "probability": .number(Double(probability)),
            ])) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
