import ArgumentParser

struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time the built-in BERT: tokenizer sentences/s, inference sentences/s (batch 64), training samples/s (batch 32, length 128, dropout on), peak RSS; compared with PyTorch.")

    @OptionGroup var bench: BenchBertOptions

    func run() throws { try bench.run(parts: ["tokenizer", "inference", "training"]) }
}
