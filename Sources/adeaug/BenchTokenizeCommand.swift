import ArgumentParser

struct BenchTokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Time the WordPiece tokenizer alone on one thread (Hugging Face fast tokenizer: 27,100 sentences/s).")

    @OptionGroup var bench: BenchBertOptions

    func run() throws { try bench.run(parts: ["tokenizer"]) }
}
