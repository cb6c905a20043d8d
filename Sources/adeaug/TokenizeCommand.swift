import AdeaugBERT
import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show what the model sees: JSONL with text, input_ids ([CLS]/[SEP] included) and the word pieces, for text lines or JSONL (`text`) from FILE or stdin.")

    @Option(help: "Checkpoint folder (default as for `adeaug train`).")
    var model: String?

    @Argument(help: "Input file (default: standard input).")
    var file: String?

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included.")
    var maxLength = 512

    func run() throws {
        let tokenizer = try BertTokenizer(modelDirectory: try ModelSource.resolve(model))
        var output = ""
        for text in try InputTexts.read(path: file) {
            let ids = tokenizer.encode(text, maxLength: maxLength)
            output += try JSONLinesWriter.line(JSONValue.object([
                "text": .string(text), "input_ids": .array(ids.map { .integer(Int($0)) }),
                "tokens": .array(ids.map { .string(tokenizer.vocabulary.tokens[Int($0)]) }),
            ])) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
