import AdeaugBenchmarks
import AdeaugBERT
import AdeaugCore
import ArgumentParser
import Foundation

/// Options of the three BERT benchmarks (`bench train`, `bench infer`, `bench tokenize`); the
/// library finds the sentences (`BertBenchmarkSentences`), times them and says what it found.
struct BenchBertOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Option(help: "Checkpoint folder (default as for `adeaug train`).")
    var model: String?

    @Option(help: "Folder with train.jsonl and test.jsonl.")
    var data: String?

    @Option(help: "Timed training steps (after the warm-up steps).")
    var steps = 50

    @Option(help: "Untimed warm-up steps.")
    var warmupSteps = 5

    @Option(help: "Time inference on at most this many test sentences.")
    var inferenceLimit: Int?

    @Option(help: "Threads (data-parallel parts per batch; 1 lets OpenBLAS thread each product instead).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp(
        "PyTorch's figures timed on this machine (the JSON scripts/bench-pytorch.sh prints); speed-ups are then against them.",
        discussion: "Without it, speed-ups are against the figures recorded in shared/reference/pytorch-baseline.json, which were measured on another machine (one with AVX-512).",
        valueName: "file"))
    var pytorch: String?

    @Flag(inversion: .prefixedNo, help: "Time training with each layer's activations recomputed in backward (as `train --gradient-checkpointing`; default as there).")
    var gradientCheckpointing: Bool?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run(parts: Set<String>) throws {
        let modelDirectory = try global.modelFolder(model)
        var options = BertBenchmark.Options()
        options.timedSteps = steps
        options.warmupSteps = warmupSteps
        options.inferenceLimit = inferenceLimit
        options.threads = threads
        if let gradientCheckpointing { options.gradientCheckpointing = gradientCheckpointing }
        options.parts = parts
        options.build = BuildConfiguration.name
        options.pytorch = try pytorch.map { path throws(PyTorchFiguresError) in try PyTorchFigures(file: path) }
        // A workspace whose keys cannot be found is passed over, as one that cannot be opened.
        let sentences = BertBenchmarkSentences.Source(
            dataFolder: data, workspace: try? global.workspaceLocation(), sharedFolder: BertBenchmarkSentences.Source.defaultSharedFolder())
        let quiet = global.quiet || json
        let result = try BertBenchmark.run(modelDirectory: modelDirectory, sentences: sentences, options: options) {
            if !quiet { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        }
        print(json ? try JSONText.encode(result, pretty: true) : result.description)
    }
}
