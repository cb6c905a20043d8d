import AdeaugBenchmarks
import AdeaugBERT
import AdeaugCore
import AdeaugServe
import ArgumentParser
import Foundation

struct BenchServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Load `adeaug serve` on loopback: single-sentence JSON requests at concurrency 1, 8 and 64; sentences/s, p50/p95/p99 latency, errors.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Fine-tuned Hugging Face folder (default: the MiniLM checkpoint `make setup` fetches).")
    var model: String?

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included.")
    var maxLength = ServeSettings().maxLength

    @Option(help: "Seconds of load at each concurrency.")
    var seconds = 10.0

    @Option(parsing: .upToNextOption, help: "Concurrent clients, one level after another.")
    var concurrency = [1, 8, 64]

    @Flag(help: "Print the figures as JSON.")
    var json = false

    struct Output: Encodable {
        var benchmark = "serve"
        var build = BuildConfiguration.name
        var result: [ServeBenchmark.Level]
    }

    func run() async throws {
        var settings = ServeSettings()
        settings.model = try global.modelFolder(model)
        settings.maxLength = maxLength
        var benchmark = ServeBenchmark(settings: settings)
        benchmark.seconds = seconds
        benchmark.concurrencies = concurrency
        var logger = global.makeLogger()
        logger.logLevel = .error
        let levels = try await benchmark.run(files: try global.outputFiles(), logger: logger)
        if json {
            print(try JSONText.encode(Output(result: levels), pretty: true))
        } else {
            for level in levels {
                print(String(format: "concurrency %3d: %8.1f sentences/s  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  errors %d",
                             level.concurrency, level.sentences_per_second, level.p50_ms, level.p95_ms, level.p99_ms, level.errors))
            }
        }
    }
}
