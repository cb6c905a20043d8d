import AdeaugCorpus
import AdeaugExperiments
import Foundation
import Yams

/// `adeaug.yaml`: everything `adeaug run` does, with defaults that finish on a 2-core machine
/// with the local llama.cpp server (see `PipelineConfig.template` for the commented file).
public struct PipelineConfig: Sendable, Codable, Equatable {
    public var workspace = "outputs/demo"
    public var report: String?
    public var corpus = Corpus()
    public var generation = Generation()
    public var check = Check()
    public var rebalance = Rebalance()
    public var compare = Compare()
    public var encryption = Encryption()

    public init() {}

    /// The workspace and every file the run writes, encrypted (the command line's --encrypt,
    /// --key-file, --kms-key-id and --region take precedence). Keys themselves never go here.
    public struct Encryption: Sendable, Codable, Equatable {
        public var enabled = false
        /// Default: $ADEAUG_KEY_FILE, or the key itself in $ADEAUG_KEY.
        public var keyFile: String?
        public var kmsKeyID: String?
        public var region: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled, region
            case keyFile = "key_file", kmsKeyID = "kms_key_id"
        }
    }

    public struct Corpus: Sendable, Codable, Equatable {
        public var path: String?
        public var split = SplitMethod.stratified
        public var testFraction = 0.2
        public var seed: UInt64 = 42

        enum CodingKeys: String, CodingKey, CaseIterable { case path, split, testFraction = "test_fraction", seed }
    }

    public struct Generation: Sendable, Codable, Equatable {
        public var enabled = true
        /// tgi | openai | openai-chat | sagemaker
        public var endpoint = "openai"
        /// Nil with `local_server: true`: the llama.cpp server that `scripts/llm.sh start` runs.
        public var url: String?
        public var model: String?
        public var template: String?
        public var target = 60
        public var maxRequests = 40
        public var concurrency = 2
        public var seed: UInt64 = 42
        /// Start the local llama.cpp server (`scripts/llm.sh start`) when no URL is given.
        public var localServer = true
        /// Remove e-mail addresses, phone numbers, dates and record numbers from examples before sending.
        public var redact = false
        /// Keep each prompt's text in the audit trail (default: only its SHA-256).
        public var auditPrompts = false

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled, endpoint, url, model, template, target, seed, concurrency, redact
            case maxRequests = "max_requests", localServer = "local_server", auditPrompts = "audit_prompts"
        }
    }

    public struct Check: Sendable, Codable, Equatable {
        /// A pretraining n-gram index built with `adeaug index build` (optional).
        public var index: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case index }
    }

    public struct Rebalance: Sendable, Codable, Equatable {
        public var strategies: [AugmentationStrategy] = [.synthetic, .oversample, .eda]
        /// Target positive share; ignored when `count` is set.
        public var ratio: Double?
        public var count: Int? = 200
        /// Low-resource mode: keep this many real positives (nil: all).
        public var trainPositives: Int? = 200
        /// Label filter threshold on `P(Adverse_Event)` (nil: no label filter).
        public var labelFilter: Double? = 0.5
        public var seed: UInt64 = 42

        enum CodingKeys: String, CodingKey, CaseIterable {
            case strategies, ratio, count, seed
            case trainPositives = "train_positives", labelFilter = "label_filter"
        }
    }

    public struct Compare: Sendable, Codable, Equatable {
        public var seeds = 3
        /// Checkpoint folder (nil: the MiniLM checkpoint from the setup step).
        public var model: String?
        public var epochs = 2
        public var batchSize = 32
        public var learningRate: Float = 5e-5
        public var maxLength = 128
        /// Weight the loss by inverse class frequency: in low-resource mode positives are ~1.5%
        /// of the training set, and an unweighted head learns to answer Not_AE to everything.
        public var classWeights = true
        /// What a batch's weighted loss is divided by: `batch_size` (the default: keeps the
        /// expected loss balanced when most batches hold no positive) or `total_weight`
        /// (PyTorch's weighted mean). Measured on the demo: fully fine-tuned baseline F1 0.267
        /// against 0.119, augmented frozen-encoder runs +0.01 to +0.07.
        public var classWeightDivisor = "batch_size"
        /// Train only the head on cached sentence states (fast on CPUs).
        public var freezeEncoder = true
        /// Also fine-tune the whole encoder for the baseline and the first strategy, one seed.
        public var fullFineTunePair = true
        public var fullFineTuneEpochs = 1
        /// clean | published | both
        public var protocolName = "clean"

        enum CodingKeys: String, CodingKey, CaseIterable {
            case seeds, model, epochs
            case batchSize = "batch_size", learningRate = "learning_rate", maxLength = "max_length", classWeights = "class_weights"
            case freezeEncoder = "freeze_encoder", fullFineTunePair = "full_fine_tune_pair"
            case fullFineTuneEpochs = "full_fine_tune_epochs", protocolName = "protocol"
            case classWeightDivisor = "class_weight_divisor"
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case workspace, report, corpus, generation, check, rebalance, compare, encryption }

    /// Reads a config; keys left out keep their defaults, unknown keys are an error.
    public static func load(path: String) throws -> PipelineConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PipelineError.config(path: path, reason: "cannot be read; write one with `adeaug init`")
        }
        do {
            return try YAMLDecoder().decode(PipelineConfig.self, from: text)
        } catch {
            throw PipelineError.config(path: path, reason: "\(error)")
        }
    }
}

extension PipelineConfig {
    public init(from decoder: Decoder) throws {
        self.init()
        try UnknownKeys.reject(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        workspace = try c.decodeIfPresent(String.self, forKey: .workspace) ?? workspace
        report = try c.decodeIfPresent(String.self, forKey: .report)
        corpus = try c.decodeIfPresent(Corpus.self, forKey: .corpus) ?? corpus
        generation = try c.decodeIfPresent(Generation.self, forKey: .generation) ?? generation
        check = try c.decodeIfPresent(Check.self, forKey: .check) ?? check
        rebalance = try c.decodeIfPresent(Rebalance.self, forKey: .rebalance) ?? rebalance
        compare = try c.decodeIfPresent(Compare.self, forKey: .compare) ?? compare
        encryption = try c.decodeIfPresent(Encryption.self, forKey: .encryption) ?? encryption
    }
}

extension PipelineConfig.Encryption {
    public init(from decoder: Decoder) throws {
        self.init()
        try UnknownKeys.reject(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
        keyFile = try c.decodeIfPresent(String.self, forKey: .keyFile)
        kmsKeyID = try c.decodeIfPresent(String.self, forKey: .kmsKeyID)
        region = try c.decodeIfPresent(String.self, forKey: .region)
    }
}

/// A misspelt key would silently leave its default in place: refuse it, naming it.
enum UnknownKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func reject<Keys: CodingKey & CaseIterable>(in decoder: Decoder, known: Keys.Type) throws {
        let present = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let allowed = Set(Keys.allCases.map(\.stringValue))
        if let unknown = present.first(where: { !allowed.contains($0) }) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "unknown key \"\(unknown)\" (known: \(allowed.sorted().joined(separator: ", ")))"))
        }
    }
}

/// Section decoders: every key optional, defaults kept.
extension PipelineConfig.Corpus {
    public init(from decoder: Decoder) throws {
        self.init()
        try UnknownKeys.reject(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        split = try c.decodeIfPresent(SplitMethod.self, forKey: .split) ?? split
        testFraction = try c.decodeIfPresent(Double.self, forKey: .testFraction) ?? testFraction
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
    }
}

extension PipelineConfig.Generation {
    public init(from decoder: Decoder) throws {
        self.init()
        try UnknownKeys.reject(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
        endpoint = try c.decodeIfPresent(String.self, forKey: .endpoint) ?? endpoint
        url = try c.decodeIfPresent(String.self, forKey: .url)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        template = try c.decodeIfPresent(String.self, forKey: .template)
        target = try c.decodeIfPresent(Int.self, forKey: .target) ?? target
        maxRequests = try c.decodeIfPresent(Int.self, forKey: .maxRequests) ?? maxRequests
        concurrency = try c.decodeIfPresent(Int.self, forKey: .concurrency) ?? concurrency
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
        localServer = try c.decodeIfPresent(Bool.self, forKey: .localServer) ?? localServer
        redact = try c.decodeIfPresent(Bool.self, forKey: .redact) ?? redact
        auditPrompts = try c.decodeIfPresent(Bool.self, forKey: .auditPrompts) ?? auditPrompts
    }
}

extension PipelineConfig.Check {
    public init(from decoder: Decoder) throws {
        self.init()
        try UnknownKeys.reject(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        index = try c.decodeIfPresent(String.self, forKey: .index)
    }
}

extension PipelineConfig.Rebalance {
    public init(from decoder: Decoder) throws {
        self.init()
        try UnknownKeys.reject(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strategies = try c.decodeIfPresent([AugmentationStrategy].self, forKey: .strategies) ?? strategies
        if c.contains(.ratio) { ratio = try c.decodeIfPresent(Double.self, forKey: .ratio) }
        if c.contains(.count) { count = try c.decodeIfPresent(Int.self, forKey: .count) }
        if c.contains(.trainPositives) { trainPositives = try c.decodeIfPresent(Int.self, forKey: .trainPositives) }
        if c.contains(.labelFilter) { labelFilter = try c.decodeIfPresent(Double.self, forKey: .labelFilter) }
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
    }
}

extension PipelineConfig.Compare {
    public init(from decoder: Decoder) throws {
        self.init()
        try UnknownKeys.reject(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seeds = try c.decodeIfPresent(Int.self, forKey: .seeds) ?? seeds
        model = try c.decodeIfPresent(String.self, forKey: .model)
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? epochs
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? batchSize
        learningRate = try c.decodeIfPresent(Float.self, forKey: .learningRate) ?? learningRate
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength) ?? maxLength
        classWeights = try c.decodeIfPresent(Bool.self, forKey: .classWeights) ?? classWeights
        classWeightDivisor = try c.decodeIfPresent(String.self, forKey: .classWeightDivisor) ?? classWeightDivisor
        guard ["total_weight", "batch_size"].contains(classWeightDivisor) else {
            throw DecodingError.dataCorruptedError(
                forKey: .classWeightDivisor, in: c, debugDescription: "class_weight_divisor is total_weight or batch_size, not \(classWeightDivisor)")
        }
        freezeEncoder = try c.decodeIfPresent(Bool.self, forKey: .freezeEncoder) ?? freezeEncoder
        fullFineTunePair = try c.decodeIfPresent(Bool.self, forKey: .fullFineTunePair) ?? fullFineTunePair
        fullFineTuneEpochs = try c.decodeIfPresent(Int.self, forKey: .fullFineTuneEpochs) ?? fullFineTuneEpochs
        protocolName = try c.decodeIfPresent(String.self, forKey: .protocolName) ?? protocolName
    }
}

public enum PipelineError: Error, CustomStringConvertible, Equatable {
    case config(path: String, reason: String)
    case step(String)

    public var description: String {
        switch self {
        case .config(let path, let reason): "\(path): \(reason)"
        case .step(let message): message
        }
    }
}
