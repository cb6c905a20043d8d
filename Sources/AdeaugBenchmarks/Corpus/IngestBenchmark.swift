import AdeaugCore
import AdeaugCorpus
import Foundation
import Logging

/// Times each step of an ingest of the full corpus: read, deduplicate, split (with the split
/// statistics), and store into a fresh workspace.
public struct IngestBenchmark: Sendable {
    public var options: IngestOptions
    public var iterations: Int
    /// Store into encrypted workspaces (a fresh key), to time what encryption costs.
    public var encrypted: Bool

    public init(options: IngestOptions, iterations: Int = 5, encrypted: Bool = false) {
        self.options = options
        self.iterations = max(1, iterations)
        self.encrypted = encrypted
    }

    public struct Result: Sendable, Codable {
        public var corpus: String
        public var rows: Int
        public var examples: Int
        public var iterations: Int
        public var encrypted: Bool
        /// Medians over the iterations, in milliseconds.
        public var readMilliseconds: Double
        public var deduplicateMilliseconds: Double
        public var splitMilliseconds: Double
        public var storeMilliseconds: Double
        public var totalMilliseconds: Double
    }

    public func run(logger: Logger) throws -> Result {
        var read: [Double] = [], deduplicate: [Double] = [], split: [Double] = [], store: [Double] = [], total: [Double] = []
        var rows = 0, examples = 0
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let ingest = CorpusIngest(options: options)
        let clock = ContinuousClock()
        let key = EncryptionKey.generate()
        for iteration in 0..<iterations {
            let start = clock.now
            let prepared = try ingest.prepare(logger: logger)
            let afterPrepare = clock.now
            let workspace = try Workspace(location: WorkspaceLocation(
                directory: scratch.appendingPathComponent("\(iteration)").path,
                keys: encrypted ? .key(key, source: .env) : nil, encrypt: encrypted), create: true)
            try ingest.store(prepared, in: workspace, arguments: ["bench"])
            let end = clock.now
            read.append(Self.milliseconds(prepared.timings.read))
            deduplicate.append(Self.milliseconds(prepared.timings.deduplicate))
            split.append(Self.milliseconds(prepared.timings.split))
            store.append(Self.milliseconds(end - afterPrepare))
            total.append(Self.milliseconds(end - start))
            rows = prepared.loaded.rows.count
            examples = prepared.examples.count
        }
        return Result(
            corpus: options.corpusPath, rows: rows, examples: examples, iterations: iterations, encrypted: encrypted,
            readMilliseconds: Self.median(read), deduplicateMilliseconds: Self.median(deduplicate),
            splitMilliseconds: Self.median(split), storeMilliseconds: Self.median(store),
            totalMilliseconds: Self.median(total))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        (duration.inSeconds * 100_000).rounded() / 100
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
