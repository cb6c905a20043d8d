import AdeaugBERT
import AdeaugCore
import AdeaugCorpus
import AdeaugGeneration
import Foundation
import Logging

/// What encryption costs, plain and encrypted side by side in one process (issue target:
/// at most 10% slower): ingest into a workspace, generation bookkeeping (the whole generate
/// loop against an instant loopback server, every request and answer stored), and writing and
/// loading a fine-tuned checkpoint. Runs alternate plain/encrypted so machine load hits both.
public struct EncryptionBenchmark: Sendable {
    public var corpusPath: String
    public var modelDirectory: String
    public var rounds = 3
    public var generatorRequests = 2000

    public init(corpusPath: String, modelDirectory: String) {
        self.corpusPath = corpusPath
        self.modelDirectory = modelDirectory
    }

    public struct Pair: Sendable, Codable {
        public var plain: Double
        public var encrypted: Double
        /// (encrypted − plain) / plain, in percent.
        public var overheadPercent: Double

        init(plain: [Double], encrypted: [Double]) {
            self.plain = (EncryptionBenchmark.median(plain) * 10).rounded() / 10
            self.encrypted = (EncryptionBenchmark.median(encrypted) * 10).rounded() / 10
            overheadPercent = ((self.encrypted - self.plain) / self.plain * 1000).rounded() / 10
        }
    }

    public struct Result: Sendable, Codable {
        public var rounds: Int
        /// Median total ingest of the real corpus (each round's figure a median of 3), milliseconds.
        public var ingestMilliseconds: Pair
        /// Median whole-loop generation, microseconds of wall time per request (lower is better).
        public var generationMicrosecondsPerRequest: Pair
        public var generationRequests: Int
        /// Median export of the checkpoint (config, tokenizer, safetensors), milliseconds.
        public var checkpointWriteMilliseconds: Pair
        /// Median load of that checkpoint, milliseconds.
        public var checkpointLoadMilliseconds: Pair
        public var checkpointBytes: Int
        public var loadAverage1Minute: Double
    }

    public func run(logger: Logger) throws -> Result {
        var ingest: ([Double], [Double]) = ([], [])
        var generation: ([Double], [Double]) = ([], [])
        var write: ([Double], [Double]) = ([], [])
        var load: ([Double], [Double]) = ([], [])
        let network = try BertCheckpoint.load(directory: modelDirectory)
        let key = EncryptionKey.generate()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-bench-encryption-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var checkpointBytes = 0
        // Each measurement runs plain and encrypted back to back, in alternating order, so that
        // neither always follows the other's writes (a 90 MB checkpoint's write-back slows
        // whatever comes next).
        for round in 0..<rounds {
            let order = round % 2 == 0 ? [false, true] : [true, false]
            func add(_ value: Double, encrypted: Bool, to pair: inout ([Double], [Double])) {
                if encrypted { pair.1.append(value) } else { pair.0.append(value) }
            }
            logger.info("round \(round + 1)/\(rounds)")
            for encrypted in order {
                let result = try IngestBenchmark(options: IngestOptions(corpusPath: corpusPath), iterations: 3, encrypted: encrypted).run(logger: logger)
                add(result.totalMilliseconds, encrypted: encrypted, to: &ingest)
            }
            for encrypted in order {
                var generator = GenerationBenchmark()
                generator.generatorRequests = generatorRequests
                generator.encrypted = encrypted
                let loop = try generator.measureWholeLoop(concurrency: 64)
                add(loop.seconds * 1e6 / Double(max(loop.requests, 1)), encrypted: encrypted, to: &generation)
            }
            for encrypted in order {
                let files = OutputFiles(key: encrypted ? key : nil)
                let folder = scratch.appendingPathComponent("model-\(round)-\(encrypted)").path
                let clock = ContinuousClock()
                let started = clock.now
                try BertCheckpoint.export(network, tokenizerSource: modelDirectory, to: folder, labelNames: BertWorkflow.labelNames, files: files)
                let written = clock.now
                _ = try BertCheckpoint.load(directory: folder, files: files)
                let loaded = clock.now
                checkpointBytes = try FileManager.default.contentsOfDirectory(atPath: folder).reduce(0) {
                    $0 + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + $1)[.size] as? Int) ?? 0)
                }
                try? FileManager.default.removeItem(atPath: folder)
                add(Self.milliseconds(written - started), encrypted: encrypted, to: &write)
                add(Self.milliseconds(loaded - written), encrypted: encrypted, to: &load)
            }
        }
        var load1 = [Double](repeating: 0, count: 3)
        _ = getloadavg(&load1, 3)
        return Result(
            rounds: rounds, ingestMilliseconds: Pair(plain: ingest.0, encrypted: ingest.1),
            generationMicrosecondsPerRequest: Pair(plain: generation.0, encrypted: generation.1), generationRequests: generatorRequests,
            checkpointWriteMilliseconds: Pair(plain: write.0, encrypted: write.1),
            checkpointLoadMilliseconds: Pair(plain: load.0, encrypted: load.1), checkpointBytes: checkpointBytes,
            loadAverage1Minute: (load1[0] * 100).rounded() / 100)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        (duration.inSeconds * 10_000).rounded() / 10
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
