import AdeaugBenchmarks
import AdeaugCore
import AdeaugCorpus
import ArgumentParser

struct BenchIngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Time reading, deduplicating, splitting and storing the full corpus.",
        discussion: "With --encrypt the workspaces are encrypted (a fresh key each run), to time what encryption costs.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Corpus folder or file (found as `adeaug ingest` finds it when omitted).")
    var corpus: String?

    @Option(help: "Split method to time.")
    var split: SplitMethod?

    @Option(help: "Repetitions; the medians are reported.")
    var iterations = 5

    @Flag(help: "Print the figures as JSON.")
    var json = false

    struct Output: Encodable {
        var benchmark = "ingest"
        var build = BuildConfiguration.name
        var result: IngestBenchmark.Result
    }

    func run() throws {
        var options = IngestOptions(corpusPath: try CorpusLocator().locate(explicit: corpus))
        options.splitMethod = split
        let result = try IngestBenchmark(options: options, iterations: iterations, encrypted: global.encrypt).run(logger: global.makeLogger())
        if json {
            print(try JSONText.encode(Output(result: result), pretty: true))
        } else {
            print("ingest of \(result.rows) rows\(result.encrypted ? " into an encrypted workspace" : "") → \(result.examples) examples (\(BuildConfiguration.name) build, median of \(result.iterations)):")
            print("  read \(result.readMilliseconds) ms, deduplicate \(result.deduplicateMilliseconds) ms, split \(result.splitMilliseconds) ms, store \(result.storeMilliseconds) ms, total \(result.totalMilliseconds) ms")
        }
    }
}
