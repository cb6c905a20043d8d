import AdeaugBenchmarks
import AdeaugCore
import AdeaugGeneration
import ArgumentParser

struct BenchGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Time the generation client against a loopback server that answers instantly: requests/s at concurrency 1, 16 and 64, client CPU per request.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Seconds measured per concurrency level.")
    var seconds = 2.0

    @Option(help: "Requests of the whole-loop measurement (0 to skip it).")
    var generatorRequests = 4000

    @Option(help: "Concurrency levels, comma-separated.")
    var concurrency = "1,16,64"

    @Flag(help: "Print the figures as JSON.")
    var json = false

    struct Output: Encodable {
        var benchmark = "generate"
        var build = BuildConfiguration.name
        var result: GenerationBenchmark.Result
    }

    func run() throws {
        var benchmark = GenerationBenchmark()
        benchmark.secondsPerLevel = seconds
        benchmark.generatorRequests = generatorRequests
        benchmark.concurrencies = concurrency.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let result = try benchmark.run()
        if json {
            print(try JSONText.encode(Output(result: result), pretty: true))
        } else {
            print("generation client vs instant loopback server (\(BuildConfiguration.name) build, \(result.requestBodyBytes)-byte TGI requests):")
            for level in result.levels {
                print("  concurrency \(level.concurrency): \(Int(level.requestsPerSecond)) req/s, \(Int(level.clientCPUMicrosecondsPerRequest)) µs client CPU/request, p50 \(level.latencyP50Milliseconds) ms, p95 \(level.latencyP95Milliseconds) ms, \(level.errors) errors")
            }
            if let whole = result.generator {
                print("  whole generate loop (stored in SQLite) at concurrency \(whole.concurrency): \(whole.requests) requests, \(Int(whole.requestsPerSecond)) req/s, \(Int(whole.clientCPUMicrosecondsPerRequest)) µs CPU/request")
            }
        }
    }
}
