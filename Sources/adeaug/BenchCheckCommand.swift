import AdeaugBenchmarks
import AdeaugContamination
import AdeaugCore
import AdeaugCorpus
import ArgumentParser
import Foundation

struct BenchCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Time the contamination check (10,000 candidates against the corpus), near-duplicate recall, and the pretraining index's build and query throughput.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "ADE Corpus v2 folder (DRUG-AE.rel, ADE-NEG.txt); found as `adeaug ingest` finds it when omitted.")
    var corpus: String?

    @Option(help: "Candidates to check.")
    var candidates = 10_000

    @Option(help: "Megabytes of synthetic web text to index.")
    var webMegabytes = 20.0

    @Option(help: "Shard to time the scan on (e.g. a RefinedWeb Parquet file); synthetic web text when omitted.")
    var scanFile: String?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    struct Output: Encodable {
        var benchmark = "check"
        var build = BuildConfiguration.name
        var result: ContaminationBenchmark.Result
    }

    /// The original ADE Corpus v2 folder, found as `adeaug ingest` finds the corpus.
    static func loadCorpus(explicit: String?) throws -> AdeCorpusSentences {
        var folder = try CorpusLocator().locate(explicit: explicit)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            folder = (folder as NSString).deletingLastPathComponent
        }
        return try AdeCorpusSentences(directory: folder)
    }

    func run() throws {
        var benchmark = ContaminationBenchmark(corpus: try Self.loadCorpus(explicit: corpus))
        benchmark.candidateCount = candidates
        benchmark.webMegabytes = webMegabytes
        benchmark.scanFile = scanFile
        let work = NSTemporaryDirectory() + "adeaug-bench-check-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = try benchmark.run(workDirectory: work)
        if json {
            print(try JSONText.encode(Output(result: result), pretty: true))
        } else {
            print("contamination check (\(BuildConfiguration.name) build):")
            print("  \(result.candidates) candidates vs \(result.testSentences) test + \(result.trainSentences) train sentences: \(String(format: "%.3f", result.checkSeconds)) s, \(result.rejected) rejected (\(String(format: "%.3f", result.checkCPUSeconds)) CPU s)")
            print("  near-duplicate recall \(String(format: "%.2f", 100 * result.recall))%, false positives \(String(format: "%.2f", 100 * result.falsePositiveRate))% (\(result.evaluationPairs) pairs)")
            print("  index build: \(String(format: "%.1f", result.indexTextMegabytes)) MB in \(String(format: "%.2f", result.indexBuildSeconds)) s = \(String(format: "%.1f", result.indexMegabytesPerSecond)) MB/s, \(Int(result.ngramsPerSecond)) n-grams/s; index/text \(String(format: "%.2f", result.indexToTextRatio)); \(String(format: "%.1f", result.indexMegabytesPerCPUSecond)) MB per CPU second")
            print("  scan: \(String(format: "%.1f", result.scanMegabytes)) MB of \(result.scanFile) in \(String(format: "%.2f", result.scanSeconds)) s = \(String(format: "%.1f", result.scanMegabytesPerSecond)) MB/s (\(String(format: "%.1f", result.scanMegabytesPerCPUSecond)) MB per CPU second), \(result.scanHits) hits")
            print("  query: \(result.querySentences) sentences in \(String(format: "%.3f", result.querySeconds)) s (\(Int(result.queriesPerSecond))/s)")
        }
    }
}
