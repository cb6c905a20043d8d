import AdeaugBenchmarks
import AdeaugBERT
import AdeaugCore
import AdeaugCorpus
import AdeaugPipeline
import ArgumentParser

struct BenchEncryptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encryption",
        abstract: "What encryption costs: ingest, generation bookkeeping and checkpoint write/load, plain and encrypted in one run (target: at most 10% slower).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Corpus folder or file (found as `adeaug ingest` finds it when omitted).")
    var corpus: String?

    @Option(help: "Checkpoint to write and load (default as for `adeaug train`).")
    var model: String?

    @Option(help: "Plain/encrypted rounds; medians are reported.")
    var rounds = 3

    @Option(help: "Requests of each whole-loop generation measurement.")
    var generatorRequests = 2000

    @Flag(help: "Print the figures as JSON.")
    var json = false

    struct Output: Encodable {
        var benchmark = "encryption"
        var build = BuildConfiguration.name
        var result: EncryptionBenchmark.Result
    }

    func run() throws {
        var benchmark = EncryptionBenchmark(
            corpusPath: try CorpusLocator().locate(explicit: corpus), modelDirectory: try global.modelFolder(model))
        benchmark.rounds = rounds
        benchmark.generatorRequests = generatorRequests
        let result = try benchmark.run(logger: global.makeLogger())
        if json {
            print(try JSONText.encode(Output(result: result), pretty: true))
            return
        }
        func line(_ name: String, _ pair: EncryptionBenchmark.Pair, _ unit: String) {
            print("  \(name): plain \(pair.plain) \(unit), encrypted \(pair.encrypted) \(unit) (\(pair.overheadPercent >= 0 ? "+" : "")\(pair.overheadPercent)%)")
        }
        print("encryption overhead (\(BuildConfiguration.name) build, median of \(result.rounds) rounds, load \(result.loadAverage1Minute)):")
        line("ingest", result.ingestMilliseconds, "ms")
        line("generation bookkeeping", result.generationMicrosecondsPerRequest, "µs/request")
        line("checkpoint write", result.checkpointWriteMilliseconds, "ms")
        line("checkpoint load", result.checkpointLoadMilliseconds, "ms")
    }
}
