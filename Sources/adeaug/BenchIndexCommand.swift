import AdeaugBenchmarks
import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct BenchIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Time the pretraining index (build MB/s and n-grams/s, size, query of the test split) and the shard scan.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "ADE Corpus v2 folder; found as `adeaug ingest` finds it when omitted.")
    var corpus: String?

    @Option(help: "Megabytes of synthetic web text to index.")
    var webMegabytes = 20.0

    @Option(help: "Shard to time the scan on (e.g. a RefinedWeb Parquet file); synthetic web text when omitted.")
    var scanFile: String?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    struct Output: Encodable {
        var benchmark = "index"
        var build = BuildConfiguration.name
        var result: Figures
    }

    /// The index part of `ContaminationBenchmark.Result`.
    struct Figures: Encodable {
        var index_text_mb, index_build_seconds, index_mb_per_second, index_mb_per_cpu_second, ngrams_per_second: Double
        var stored_hashes, index_bytes: Int
        var index_to_text_ratio: Double
        var query_sentences: Int
        var query_seconds, queries_per_second: Double
        var scan_file: String
        var scan_mb, scan_seconds, scan_mb_per_second, scan_mb_per_cpu_second: Double
        var scan_hits: Int
    }

    func run() throws {
        var benchmark = ContaminationBenchmark(corpus: try BenchCheckCommand.loadCorpus(explicit: corpus))
        benchmark.includeCheck = false
        benchmark.webMegabytes = webMegabytes
        benchmark.scanFile = scanFile
        let work = NSTemporaryDirectory() + "adeaug-bench-index-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let r = try benchmark.run(workDirectory: work)
        let figures = Figures(
            index_text_mb: r.indexTextMegabytes, index_build_seconds: r.indexBuildSeconds,
            index_mb_per_second: r.indexMegabytesPerSecond, index_mb_per_cpu_second: r.indexMegabytesPerCPUSecond,
            ngrams_per_second: r.ngramsPerSecond, stored_hashes: r.storedHashes, index_bytes: r.indexBytes,
            index_to_text_ratio: r.indexToTextRatio, query_sentences: r.querySentences, query_seconds: r.querySeconds,
            queries_per_second: r.queriesPerSecond, scan_file: r.scanFile, scan_mb: r.scanMegabytes,
            scan_seconds: r.scanSeconds, scan_mb_per_second: r.scanMegabytesPerSecond,
            scan_mb_per_cpu_second: r.scanMegabytesPerCPUSecond, scan_hits: r.scanHits)
        if json {
            print(try JSONText.encode(Output(result: figures), pretty: true))
        } else {
            print("pretraining index (\(BuildConfiguration.name) build):")
            print("  build: \(String(format: "%.1f", r.indexTextMegabytes)) MB in \(String(format: "%.2f", r.indexBuildSeconds)) s = \(String(format: "%.1f", r.indexMegabytesPerSecond)) MB/s (\(String(format: "%.1f", r.indexMegabytesPerCPUSecond)) MB per CPU second), \(Int(r.ngramsPerSecond)) n-grams/s; index/text \(String(format: "%.2f", r.indexToTextRatio))")
            print("  query: \(r.querySentences) sentences in \(String(format: "%.3f", r.querySeconds)) s")
            print("  scan: \(String(format: "%.1f", r.scanMegabytes)) MB of \(r.scanFile) at \(String(format: "%.1f", r.scanMegabytesPerSecond)) MB/s (\(String(format: "%.1f", r.scanMegabytesPerCPUSecond)) MB per CPU second), \(r.scanHits) hits")
        }
    }
}
