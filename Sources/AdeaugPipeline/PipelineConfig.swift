import AdeaugBERT
import AdeaugContamination
import AdeaugCore
import AdeaugCorpus
import AdeaugExperiments
import AdeaugGeneration
import AdeaugServe
import Foundation
import Yams

/// `adeaug.yaml`: everything `adeaug run` does. Each section is the library's settings value of
/// its stage (the same values the commands' flags map onto), with defaults that finish on a
/// 2-core machine with the local llama.cpp server (see `PipelineConfig.template`).
public struct PipelineConfig: Sendable, Codable, Equatable {
    public var workspace = "outputs/demo"
    /// Where report.md, report.json and the plots go (nil: `<workspace>/report`).
    public var report: String?
    public var corpus = CorpusSettings()
    public var generation = GenerationSection()
    public var check = ContaminationSettings()
    public var rebalance = RebalanceSettings()
    public var compare = ComparisonSettings()
    /// `adeaug tune --config`: the search over checkpoints and training settings (`run` does not tune).
    public var tune = TuneSettings()
    public var encryption = EncryptionSettings()
    /// Read by `scan run` and `index build` with `--config` (their flags override it).
    public var executor = ExecutorSettings()
    /// `adeaug serve --config`: the endpoint's settings (`run` does not serve).
    public var serve = ServeSettings()

    public init() {}

    /// Reads a config; keys left out keep their defaults, unknown keys are an error naming the
    /// nearest valid one, and every message names the file and the key path.
    public static func load(path: String) throws -> PipelineConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PipelineError.config(path: path, reason: "cannot be read; write one with `adeaug init`")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> PipelineConfig {
        let tree: Any?
        do {
            tree = try Yams.load(yaml: text)
        } catch {
            throw PipelineError.config(path: path, reason: "is not YAML: \(error)")
        }
        let config: PipelineConfig
        do {
            config = try SettingsDecoder.decode(PipelineConfig.self, from: tree, defaults: PipelineConfig(), section: "")
        } catch let error as SettingsError {
            throw PipelineError.config(path: path, reason: error.message)
        }
        do {
            try config.validate()
        } catch {
            throw PipelineError.config(path: path, reason: error.description)
        }
        return config
    }

    /// Refuses values no run can use, in the config's words (`compare.training.epochs ...`).
    public func validate() throws(InvalidConfigSetting) {
        func check(_ section: String, _ body: () throws -> Void) throws(InvalidConfigSetting) {
            do { try body() } catch let error as InvalidSetting { throw InvalidConfigSetting(section: section, setting: error) } catch {}
        }
        try check("corpus") { try corpus.validate() }
        try check("generation") { try generation.settings.validate() }
        try check("generation") {
            guard generation.enabled else { return }
            if generation.negative {
                throw InvalidSetting("negative", "does not apply to run: its synthetic set adds adverse events (use `adeaug generate --negative`)")
            }
            // SageMaker's URL needs its endpoint name and region, whatever local_server says.
            if let count = rebalance.countFromGeneration, generation.target != GenerationSettings().target, generation.target != count {
                throw InvalidSetting("target", "is rebalance.count (\(count)) in run: every strategy adds that many, and generation stops once that many candidates passed every check; remove generation.target or set it to \(count)")
            }
            if try generation.settings.resolvedURL() == nil, !generation.localServer {
                throw InvalidSetting("url", "is not set and generation.local_server is false: give the endpoint's URL, or set local_server: true to start the local llama.cpp server")
            }
        }
        try check("check") { try self.check.validate() }
        try check("rebalance") { try rebalance.validate() }
        try check("compare") { try compare.validate() }
        try check("compare.training") { try compare.training.validate() }
        try check("compare.full_fine_tune") { try compare.fullFineTune.validate() }
        try check("tune") { try tune.validate() }
        try check("executor") { try executor.validate() }
        try check("serve") { try serve.validate() }
    }

    /// How many candidates `run`'s generation must bring past every check: rebalance.count when
    /// synthetic is compared at a count (the one home of how many positives each strategy adds),
    /// else generation.target.
    public var generationTarget: Int { rebalance.countFromGeneration ?? generation.target }

    /// What this config cannot deliver, said before any request is sent: a synthetic set that
    /// cannot reach the count the rebalance step asks for, a spending cap below the target.
    public var shortfalls: [String] {
        var lines: [String] = []
        let settings = generation.settings
        let target = rebalance.countFromGeneration.map { "rebalance.count (\($0))" } ?? "generation.target (\(settings.target))"
        if generation.enabled, let cap = settings.maxRequests, cap < generationTarget {
            lines.append("generation.max_requests (\(cap)) is below \(target): each request yields at most about one accepted candidate, so the target may not be reached; every strategy then adds only as many positives as synthetic reached (equal counts).")
        }
        if rebalance.strategies.contains(.synthetic), let count = rebalance.count, !generation.enabled {
            lines.append("generation.enabled is false: the synthetic set can add only the candidates already in the workspace; when they are fewer than rebalance.count (\(count)), every strategy adds only that many (equal counts).")
        }
        let largest = compare.learningCurve.largestAddition(availableRealPositives: nil)
        if rebalance.strategies.contains(.synthetic), compare.learningCurve.isEnabled, largest > generationTarget {
            lines.append("compare.learning_curve asks for up to \(largest) added positives at a point, more than the \(generationTarget) candidates generation brings past every check (\(target)): at those points every strategy adds only as many as synthetic has (equal counts).")
        }
        return lines
    }
}

/// An `InvalidSetting` of one config section, in the config's words.
public struct InvalidConfigSetting: Error, CustomStringConvertible {
    public var section: String
    public var setting: InvalidSetting
    public var description: String { setting.configDescription(section: section) }
}

/// `generation:`: the generation stage's settings plus what only `run` decides (whether to
/// generate at all, whether to start the local server), side by side in one section.
@dynamicMemberLookup
public struct GenerationSection: Sendable, Codable, Equatable, FlattenedSettings {
    public var enabled = true
    /// Start the local llama.cpp server (`scripts/llm.sh start`) when no URL is set.
    public var localServer = true
    public var settings = GenerationSettings()

    public init() {}

    public static var flattenedProperty: String { "settings" }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<GenerationSettings, Value>) -> Value {
        get { settings[keyPath: keyPath] }
        set { settings[keyPath: keyPath] = newValue }
    }
}

/// `encryption:`: the workspace and every file the run writes, encrypted (the command line's
/// --encrypt, --key-file, --kms-key-id and --region take precedence). Keys never go here.
public struct EncryptionSettings: Sendable, Codable, Equatable {
    public var enabled = false
    /// Default: $ADEAUG_KEY_FILE, or the key itself in $ADEAUG_KEY.
    public var keyFile: String?
    public var kmsKeyID: String?
    public var region: String?

    public init() {}
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
