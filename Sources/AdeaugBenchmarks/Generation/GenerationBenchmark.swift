import AdeaugCore
import AdeaugGeneration
import AdeaugTestSupport
import AdeaugTransport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Measures the generation client against a loopback server that answers instantly: requests
/// per second at several concurrencies and the client's own CPU time per request (request
/// body written, sent and received through libcurl, answer parsed).
///
/// The client runs on the calling thread, so `CLOCK_THREAD_CPUTIME_ID` counts the client
/// only, not the server's threads sharing the machine.
public struct GenerationBenchmark: Sendable {
    public var concurrencies = [1, 16, 64]
    public var secondsPerLevel = 2.0

    public init() {}

    public struct Level: Sendable, Codable {
        public var concurrency: Int
        public var requests: Int
        public var seconds: Double
        public var requestsPerSecond: Double
        public var clientCPUMicrosecondsPerRequest: Double
        public var latencyP50Milliseconds: Double
        public var latencyP95Milliseconds: Double
        public var errors: Int
    }

    public struct Result: Sendable, Codable {
        public var endpoint = "tgi"
        public var requestBodyBytes: Int
        public var levels: [Level]
        /// The whole `generate` loop (plan, send, store request, answer and candidates in
        /// SQLite, filter) at the highest concurrency.
        public var generator: GeneratorLevel?
    }

    public struct GeneratorLevel: Sendable, Codable {
        public var concurrency: Int
        public var requests: Int
        public var seconds: Double
        public var requestsPerSecond: Double
        public var clientCPUMicrosecondsPerRequest: Double
    }

    /// Requests the whole-loop measurement makes.
    public var generatorRequests = 4000
    /// The whole-loop measurement stores into an encrypted workspace (a fresh key).
    public var encrypted = false

    public func run() throws -> Result {
        let answer = Array(#"{"generated_text":" A 54-year-old man developed a generalized rash two weeks after starting carbamazepine.","details":{"finish_reason":"eos_token","generated_tokens":19,"seed":7}}"#.utf8)
        let server = try LoopbackServer { _ in .respond(status: 200, headers: ["Content-Type: application/json"], body: answer) }
        defer { server.stop() }
        let endpoint = Endpoint(kind: .tgi, url: server.baseURL)
        let examples = (1...5).map { "Example sentence \($0): a patient developed severe hepatotoxicity after several weeks of treatment with a commonly prescribed drug at usual doses." }
        let template = PromptTemplate.builtIn(PromptTemplate.falconInstructName)!
        let prompt = template.render(examples: examples, label: .adverseEvent)
        let parameters = GenerationParameters()
        var levels: [Level] = []
        for concurrency in concurrencies {
            let client = try CurlMultiClient(maximumConnections: concurrency)
            // Warm-up: opens the connections (kept alive afterwards).
            _ = try drive(client, endpoint: endpoint, prompt: prompt, parameters: parameters, concurrency: concurrency, seconds: 0.3)
            levels.append(try drive(client, endpoint: endpoint, prompt: prompt, parameters: parameters, concurrency: concurrency, seconds: secondsPerLevel))
        }
        return Result(
            requestBodyBytes: endpoint.request(prompt: prompt, parameters: parameters, seed: 1).body.count, levels: levels,
            generator: generatorRequests > 0 ? try measureWholeLoop(concurrency: concurrencies.max() ?? 64) : nil)
    }

    /// Answers with a different sentence every time, so that every answer is a new candidate.
    private final class AnswerCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }

    /// The whole generate loop (planning, libcurl, parsing, SQLite storage) against an instant server.
    public func measureWholeLoop(concurrency: Int) throws -> GeneratorLevel {
        let sequence = AnswerCounter()
        let server = try LoopbackServer { _ in
            let n = sequence.next()
            return .json(200, #"{"generated_text":" Patient \#(n) developed a generalized rash \#(n % 97) days after starting drug \#(n).","details":{"finish_reason":"eos_token","generated_tokens":16}}"#)
        }
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "adeaug-bench-generate-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keys: WorkspaceKeys? = encrypted ? .key(EncryptionKey.generate(), source: .env) : nil
        let workspace = try Workspace(location: WorkspaceLocation(directory: directory, keys: keys, encrypt: encrypted), create: true)
        let normalizer = TextNormalizer()
        let examples = (0..<500).map { index in
            let text = "A \(20 + index % 60)-year-old patient developed reaction \(index) after taking medicine number \(index) for several weeks."
            return NewExample(
                text: text, normalized: normalizer.normalize(text), label: .adverseEvent, split: .train,
                pmids: [String(10_000 + index)], source: SourceLocation(file: "bench", line: index + 1), rowCount: 1)
        }
        try workspace.database.transaction {
            try workspace.replaceExamples(examples, runID: try workspace.recordRun(command: "bench", arguments: []))
        }
        var options = GenerationOptions(
            endpoint: Endpoint(kind: .tgi, url: server.baseURL), template: PromptTemplate.builtIn(PromptTemplate.falconInstructName)!)
        options.target = generatorRequests
        options.concurrency = concurrency
        options.preflight = false
        let generator = try Generator(workspace: workspace, options: options)
        let cpuStart = Self.threadCPUSeconds()
        let start = ContinuousClock.now
        let summary = try generator.run(command: "bench")
        let elapsed = ContinuousClock.now - start
        let wall = elapsed.inSeconds
        let requests = summary.progress.answered
        return GeneratorLevel(
            concurrency: concurrency, requests: requests, seconds: wall, requestsPerSecond: Double(requests) / wall,
            clientCPUMicrosecondsPerRequest: (Self.threadCPUSeconds() - cpuStart) * 1e6 / Double(max(requests, 1)))
    }

    private func drive(
        _ client: CurlMultiClient, endpoint: Endpoint, prompt: String, parameters: GenerationParameters,
        concurrency: Int, seconds: Double
    ) throws -> Level {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var latencies: [Double] = []
        latencies.reserveCapacity(100_000)
        var completed = 0
        var errors = 0
        var seed: UInt64 = 0
        let cpuStart = Self.threadCPUSeconds()
        let start = ContinuousClock.now
        var sending = true
        while sending || client.inFlight > 0 {
            while sending && client.inFlight < concurrency {
                seed += 1
                try client.start(endpoint.request(prompt: prompt, parameters: parameters, seed: seed), tag: Int(seed))
            }
            for result in client.wait(milliseconds: 100) {
                completed += 1
                if result.status == 200, (try? endpoint.parse(result.body)) != nil {
                    latencies.append(result.latencySeconds)
                } else {
                    errors += 1
                }
            }
            if sending && ContinuousClock.now >= deadline { sending = false }
        }
        let elapsed = ContinuousClock.now - start
        let wall = elapsed.inSeconds
        let cpu = Self.threadCPUSeconds() - cpuStart
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : 1000 * latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        return Level(
            concurrency: concurrency, requests: completed, seconds: wall,
            requestsPerSecond: Double(completed) / wall,
            clientCPUMicrosecondsPerRequest: completed > 0 ? cpu * 1e6 / Double(completed) : 0,
            latencyP50Milliseconds: percentile(0.5), latencyP95Milliseconds: percentile(0.95), errors: errors)
    }

    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}
