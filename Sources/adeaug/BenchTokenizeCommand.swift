import ArgumentParser

struct BenchTokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Time the WordPiece tokenizer alone on one thread; compared with the Hugging Face fast tokenizer.")

    @OptionGroup var bench: BenchBertOptions

    func run() throws { try bench.run(parts: ["tokenizer"]) }
}
