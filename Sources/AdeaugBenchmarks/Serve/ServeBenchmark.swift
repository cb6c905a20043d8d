import AdeaugCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `adeaug bench serve`: each server under test (`adeaug serve`, and optionally the Python stack
/// a user would deploy for the same folder) started in its own process on loopback and loaded by
/// closed-loop JSON clients, with single sentences and with batches, at several concurrencies:
/// sentences/s, latency percentiles, errors, and the server's memory. One long level at
/// concurrency 64 is the soak.
public struct ServeBenchmark {
    public var servers: [ServerCommand]
    public var concurrencies = [1, 8, 64]
    /// Sentences per request: 1 is `{"inputs": "text"}`, more is `{"inputs": [...]}`.
    public var batchSizes = [1, 32]
    public var seconds = 10.0
    /// Sentences sent in turn, ADE-like and of ordinary length.
    public var sentences = [
        "Severe rash developed after starting amoxicillin for otitis media.",
        "The patient was treated with methotrexate for rheumatoid arthritis.",
        "Acute pancreatitis was attributed to azathioprine and resolved on withdrawal.",
        "Blood pressure was controlled with lisinopril during follow-up.",
        "She developed hepatotoxicity two weeks into isoniazid prophylaxis.",
        "A chest radiograph showed no abnormality.",
    ]

    public init(servers: [ServerCommand]) {
        self.servers = servers
    }

    public struct Level: Codable, Sendable {
        public var batch_size: Int
        public var concurrency: Int
        public var seconds: Double
        public var requests: Int
        public var errors: Int
        public var sentences_per_second: Double
        public var p50_ms, p95_ms, p99_ms: Double
        /// The server's resident memory when the level ended.
        public var rss_end_mib: Double?
    }

    public struct ServerReport: Codable, Sendable {
        public var server: String
        /// Resident memory once the model is loaded and one second of warm-up load has run.
        public var rss_start_mib: Double?
        public var rss_end_mib: Double?
        /// Peak resident memory of the server process over its whole run (Linux VmHWM).
        public var peak_rss_mib: Double?
        public var levels: [Level]
    }

    /// Runs every server in turn (never two at once: they would share the cores). SIGINT or
    /// SIGTERM meanwhile stops the server running and exits.
    public func run(progress: (String) -> Void) async throws -> [ServerReport] {
        let running = ServersStoppedOnSignal()
        defer { running.release() }
        var reports: [ServerReport] = []
        for command in servers {
            reports.append(try await run(command, running: running, progress: progress))
        }
        return reports
    }

    func run(_ command: ServerCommand, running: ServersStoppedOnSignal, progress: (String) -> Void) async throws -> ServerReport {
        let server = ServerProcess(command, port: try Self.freePort())
        running.add(server)
        defer {
            server.stop()
            running.remove(server)
        }
        try server.start()
        progress("\(command.name): starting")
        try await server.waitUntilReady()
        let url = URL(string: server.baseURL + "/invocations")!
        let warmUp = ServeLoadClient(url: url, bodies: try bodies(batchSize: 1))
        _ = await warmUp.run(concurrency: 1, seconds: min(1, seconds))
        var report = ServerReport(server: command.name, rss_start_mib: server.memory?.residentMiB, levels: [])
        for batchSize in batchSizes {
            let client = ServeLoadClient(url: url, bodies: try bodies(batchSize: batchSize))
            for concurrency in concurrencies {
                progress("\(command.name): \(batchSize == 1 ? "single sentences" : "batches of \(batchSize)") at concurrency \(concurrency) for \(Self.format(seconds)) s")
                let outcome = await client.run(concurrency: concurrency, seconds: seconds)
                report.levels.append(Self.level(outcome, batchSize: batchSize, concurrency: concurrency, rss: server.memory?.residentMiB))
            }
        }
        let memory = server.memory
        report.rss_end_mib = memory?.residentMiB
        report.peak_rss_mib = memory?.peakResidentMiB
        return report
    }

    static func level(_ outcome: ServeLoadClient.Outcome, batchSize: Int, concurrency: Int, rss: Double?) -> Level {
        let sorted = outcome.latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))] * 1000
        }
        let elapsed = max(outcome.elapsedSeconds, 1e-9)
        return Level(
            batch_size: batchSize, concurrency: concurrency, seconds: outcome.elapsedSeconds, requests: sorted.count + outcome.errors,
            errors: outcome.errors, sentences_per_second: Double(sorted.count * batchSize) / elapsed,
            p50_ms: percentile(0.5), p95_ms: percentile(0.95), p99_ms: percentile(0.99), rss_end_mib: rss)
    }

    /// Request bodies cycling through the sentences, `batchSize` per request.
    func bodies(batchSize: Int) throws -> [Data] {
        try sentences.indices.map { start in
            let texts = (0..<batchSize).map { sentences[(start + $0) % sentences.count] }
            return Data((batchSize == 1 ? try JSONText.encode(["inputs": texts[0]]) : try JSONText.encode(["inputs": texts])).utf8)
        }
    }

    static func format(_ seconds: Double) -> String { seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds) }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ServeBenchmarkError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public enum ServeBenchmarkError: Error, CustomStringConvertible {
    case noFreePort
    case cannotStart(String, String)

    public var description: String {
        switch self {
        case .noFreePort: "no free port on 127.0.0.1"
        case .cannotStart(let server, let reason): "the \(server) server did not start: \(reason)"
        }
    }
}
