import AdeaugBenchmarks
import AdeaugBERT
import AdeaugCore
import ArgumentParser
import Foundation

/// Options and run of the three BERT benchmarks (`bench train`, `bench infer`, `bench tokenize`).
/// Sentences come from --data (a folder with train.jsonl and test.jsonl, `text` fields), else
/// from the workspace's splits, else from ../shared/reference/pytorch-split (PyTorch's split).
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

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run(parts: Set<String>) throws {
        let modelDirectory = try ModelLocator.resolve(explicit: model)
        let (train, test, source) = try sentences()
        var options = BertBenchmark.Options()
        options.timedSteps = steps
        options.warmupSteps = warmupSteps
        options.inferenceLimit = inferenceLimit
        options.threads = threads
        options.parts = parts
        if let pytorch {
            guard let data = FileManager.default.contents(atPath: pytorch) else {
                throw ValidationError("Cannot read --pytorch \(pytorch): no such file (make it with scripts/bench-pytorch.sh).")
            }
            options.pytorch = try PyTorchFigures(json: data, source: pytorch)
        }
        let baseline = options.baseline
        let quiet = global.quiet || json
        var result = try BertBenchmark.run(modelDirectory: modelDirectory, train: train, test: test, options: options) {
            if !quiet { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        }
        result["benchmark"] = parts.count == 1 ? parts.first! : "train"
        result["build"] = BuildConfiguration.name
        result["data"] = source
        if json {
            print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
        } else {
            print("BERT (\(BuildConfiguration.name) build, \(source)):")
            if let k = result["tokenizer"] as? [String: Any] {
                print(String(format: "  tokenizer: %.0f sentences/s (HF fast: %.0f)", k["sentences_per_s"] as! Double, baseline.tokenizerSentencesPerSecond))
            }
            if let i = result["inference"] as? [String: Any] {
                print(String(format: "  inference: %.1f sentences/s, %.1f per CPU-second (PyTorch: %.1f)", i["sentences_per_s"] as! Double, i["sentences_per_cpu_second"] as! Double, baseline.inferenceSentencesPerSecond))
            }
            if let t = result["training"] as? [String: Any] {
                print(String(format: "  training: %.1f samples/s, %.1f per CPU-second, %.0f tokens/s, %.0f GFLOP/s, GEMM share %.0f%%, load %.1f (PyTorch: %.1f samples/s)", t["samples_per_s"] as! Double, t["samples_per_cpu_second"] as! Double, t["tokens_per_s"] as! Double, t["achieved_gflops"] as! Double, 100 * (t["gemm_time_share"] as! Double), t["load_average_1min"] as! Double, baseline.trainingSamplesPerSecond))
            }
            print(String(format: "  peak RSS: %.2f GiB (PyTorch training: %.2f)", result["peak_rss_gib"] as! Double, baseline.trainingPeakRSSGiB))
            print("  PyTorch: \(baseline.source)")
        }
    }

    func sentences() throws -> (train: [String], test: [String], source: String) {
        func read(_ folder: String) throws -> ([String], [String]) {
            func texts(_ name: String) throws -> [String] {
                struct Sentence: Decodable { var text: String }
                return try JSONLinesReader().decode(Sentence.self, atPath: folder + "/" + name).map(\.value.text)
            }
            return (try texts("train.jsonl"), try texts("test.jsonl"))
        }
        if let data {
            let (train, test) = try read(data)
            return (train, test, data)
        }
        if let workspace = try? Workspace(location: try global.workspaceLocation(), create: false, access: .read) {
            let train = try workspace.examples(split: .train).map(\.text)
            let test = try workspace.examples(split: .test).map(\.text)
            if !train.isEmpty && !test.isEmpty { return (train, test, "workspace \(global.workspace)") }
        }
        let shared = ProcessInfo.processInfo.environment["ADEAUG_SHARED"] ?? "../shared"
        let folder = shared + "/reference/pytorch-split"
        guard FileManager.default.fileExists(atPath: folder + "/train.jsonl") else {
            throw ValidationError("No sentences: pass --data DIR (train.jsonl, test.jsonl), or a --workspace with a corpus.")
        }
        let (train, test) = try read(folder)
        return (train, test, folder)
    }
}
