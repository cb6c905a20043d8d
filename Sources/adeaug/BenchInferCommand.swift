import ArgumentParser

struct BenchInferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Time BERT inference alone: test sentences in batches of 64, tokenizing included; compared with PyTorch.")

    @OptionGroup var bench: BenchBertOptions

    func run() throws { try bench.run(parts: ["inference"]) }
}
