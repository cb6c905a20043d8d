import AdeaugCore
import AdeaugServe
import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `adeaug bench serve`: the endpoint under load on loopback, one single-sentence JSON request
/// at a time per client, at several concurrencies: sentences/s, latency percentiles, errors.
public struct ServeBenchmark {
    public var settings: ServeSettings
    public var concurrencies = [1, 8, 64]
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

    public init(settings: ServeSettings) {
        self.settings = settings
    }

    public struct Level: Codable, Sendable {
        public var concurrency: Int
        public var requests: Int
        public var errors: Int
        public var sentences_per_second: Double
        public var p50_ms, p95_ms, p99_ms: Double
    }

    public func run(files: OutputFiles, logger: Logger) async throws -> [Level] {
        var settings = self.settings
        settings.host = "127.0.0.1"
        settings.port = try Self.freePort()
        let server = Task { [settings] in try await ClassifierServer.run(settings, files: files, logger: logger) }
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(settings.port)"
        try await Self.waitUntilReady(URL(string: base + "/ping")!, server: server)
        let bodies = try sentences.map { Data(try JSONText.encode(["inputs": $0]).utf8) }
        let client = ServeLoadClient(url: URL(string: base + "/invocations")!, bodies: bodies)
        _ = await client.run(concurrency: 1, seconds: min(1, seconds))  // warm-up
        var levels: [Level] = []
        for concurrency in concurrencies {
            let outcome = await client.run(concurrency: concurrency, seconds: seconds)
            let sorted = outcome.latencies.sorted()
            func percentile(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)] * 1000
            }
            levels.append(Level(
                concurrency: concurrency, requests: sorted.count + outcome.errors, errors: outcome.errors,
                sentences_per_second: Double(sorted.count) / seconds,
                p50_ms: percentile(0.5), p95_ms: percentile(0.95), p99_ms: percentile(0.99)))
        }
        return levels
    }

    static func waitUntilReady(_ ping: URL, server: Task<Void, any Error>) async throws {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        for _ in 0..<1200 {
            if let (_, response) = try? await session.data(from: ping), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.cancel()
        try await server.value
        throw ServeBenchmarkError.notReady
    }

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
    case notReady

    public var description: String {
        switch self {
        case .noFreePort: "no free port on 127.0.0.1"
        case .notReady: "the server did not answer /ping with 200 within 60 s"
        }
    }
}
