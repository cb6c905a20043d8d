import AdeaugBenchmarks
import AdeaugBERT
import AdeaugCore
import AdeaugServe
import ArgumentParser
import Foundation

struct BenchServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Load `adeaug serve` (and with --python the Python stack) on loopback: sentences/s, p50/p95/p99 latency, errors, memory.",
        discussion: """
            Each server runs in its own process on 127.0.0.1 and is loaded by closed-loop JSON clients (each sends its \
            next request when the last is answered), with each --batch-size sentences per request at each --concurrency \
            for --seconds. Memory is the server process's resident set (Linux /proc): after warm-up, at the end and at \
            its peak.

            --python scripts/serve-python.sh runs the same load against what a Python user would deploy for the same \
            folder (a transformers pipeline behind FastAPI + uvicorn, one worker, two threads; the script installs its \
            venv in ~/.cache/adeaug/serve-venv once) and compares against the goals: >= 3x its sentences/s at \
            concurrency 64, lower p99 at every level, under a third of its peak memory, no errors over >= 60 s at 64.

            Soak: --seconds 600 --concurrency 64 --batch-size 1 (memory at start and end, errors, throughput).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Fine-tuned Hugging Face folder (default: the MiniLM checkpoint `make setup` fetches).")
    var model: String?

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included.")
    var maxLength = ServeSettings().maxLength

    @Option(help: "Seconds of load at each level.")
    var seconds = 10.0

    @Option(parsing: .upToNextOption, help: "Concurrent clients, one level after another.")
    var concurrency = [1, 8, 64]

    @Option(parsing: .upToNextOption, help: "Sentences per request (1: {\"inputs\": \"text\"}, more: a list), one after another.")
    var batchSize = [1, 32]

    @Option(help: "Launcher of the Python stack to compare with (scripts/serve-python.sh), called with --model, --port and --max-length.")
    var python: String?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    struct Output: Encodable {
        var benchmark = "serve"
        var build = BuildConfiguration.name
        var model: String
        var max_length: Int
        var servers: [ServeBenchmark.ServerReport]
        var goals: [ServeGoal]
    }

    func validate() throws {
        guard seconds > 0 else { throw ValidationError("--seconds must be above 0.") }
        guard concurrency.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--concurrency must be at least 1.") }
        guard batchSize.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--batch-size must be at least 1.") }
        if let python, !FileManager.default.isExecutableFile(atPath: python) {
            throw ValidationError("--python \(python) is not an executable file (scripts/serve-python.sh from the checkout).")
        }
    }

    /// The servers under test: this executable's own `serve` (with the key options given here,
    /// for sealed folders), then the Python launcher.
    func servers(model: String) -> [ServerCommand] {
        var arguments = ["serve", "--model", model, "--host", "127.0.0.1", "--port", "{port}", "--max-length", String(maxLength)]
        arguments += ["--workspace", global.workspace]
        if let keyFile = global.keyFile { arguments += ["--key-file", keyFile] }
        if let kmsKeyID = global.kmsKeyID { arguments += ["--kms-key-id", kmsKeyID] }
        if let region = global.region { arguments += ["--region", region] }
        var servers = [ServerCommand(name: "adeaug", executable: Self.ownExecutable, arguments: arguments)]
        if let python {
            servers.append(ServerCommand(name: "python", executable: python, arguments: ["--model", model, "--port", "{port}", "--max-length", String(maxLength)]))
        }
        return servers
    }

    static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    func run() async throws {
        let model = try global.modelFolder(model)
        var benchmark = ServeBenchmark(servers: servers(model: model))
        benchmark.seconds = seconds
        benchmark.concurrencies = concurrency
        benchmark.batchSizes = batchSize
        let logger = global.makeLogger()
        let reports = try await benchmark.run { logger.info("\($0)") }
        let goals = ServeGoal.evaluate(adeaug: reports[0], python: reports.count > 1 ? reports[1] : nil)
        if json {
            print(try JSONText.encode(Output(model: model, max_length: maxLength, servers: reports, goals: goals), pretty: true))
            return
        }
        for report in reports {
            func mib(_ value: Double?) -> String { value.map { String(format: "%.0f MiB", $0) } ?? "n/a" }
            print("\(report.server): memory \(mib(report.rss_start_mib)) after warm-up, \(mib(report.rss_end_mib)) at the end, peak \(mib(report.peak_rss_mib))")
            for level in report.levels {
                print(String(format: "  batch %3d  concurrency %3d: %8.1f sentences/s  p50 %8.1f ms  p95 %8.1f ms  p99 %8.1f ms  errors %d of %d",
                             level.batch_size, level.concurrency, level.sentences_per_second, level.p50_ms, level.p95_ms, level.p99_ms,
                             level.errors, level.requests))
            }
        }
        for goal in goals {
            print("\(goal.met.map { $0 ? "met    " : "MISSED " } ?? "n/a    ") \(goal.goal): \(goal.measured)")
        }
    }
}
