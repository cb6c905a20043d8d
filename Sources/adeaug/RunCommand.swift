import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole flow from one config: ingest, generate, check, rebalance, compare, report.",
        discussion: """
            Without --config, the embedded defaults (see `adeaug init`): ADE Corpus v2 from \
            corpora/ or ../shared/corpora, the MiniLM checkpoint, the local llama.cpp server with \
            Gemma 3 270M, low-resource mode (\(Self.defaults.rebalance.trainPositives.map(String.init) ?? "all") real \
            positives) with \(Self.defaults.rebalance.count.map(String.init) ?? "a share of") added positives per \
            strategy, frozen-encoder comparisons over \(Self.defaults.compare.seeds) seeds, a learning curve \
            (\(Self.defaults.compare.learningCurve.realPositives.map(\.description).joined(separator: ", ")) real \
            positives) and one fully fine-tuned pair. Every step is kept in the workspace: run it \
            again after a kill and it goes on.
            """)

    private static let defaults = PipelineConfig()

    @Option(help: "Config file (YAML); default: the embedded defaults.")
    var config: String?

    @Flag(name: .shortAndLong, help: "Log more detail to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only errors.")
    var quiet = false

    @Flag(help: "Make new workspaces encrypted (needs a key, as below).")
    var encrypt = false

    @Option(name: .customLong("key-file"), help: "Key file of encrypted workspaces (default: $ADEAUG_KEY_FILE; $ADEAUG_KEY may hold the key).")
    var keyFile: String?

    @Option(name: .customLong("kms-key-id"), help: "AWS KMS key wrapping the workspaces' data keys.")
    var kmsKeyID: String?

    @Option(help: "AWS region of the KMS key.")
    var region: String?

    func run() throws {
        let config = try self.config.map { try PipelineConfig.load(path: $0) } ?? PipelineConfig()
        let logger = GlobalOptions.logger(verbose: verbose, quiet: quiet)
        let flags = EncryptionSettings(enabled: encrypt, keyFile: keyFile, kmsKeyID: kmsKeyID, region: region)
        let location = try config.encryption.overridden(by: flags).location(directory: config.workspace)
        let outcome = try PipelineRunner(config: config, logger: logger, keys: location.keys, encrypt: location.encrypt)
            .run(arguments: Array(CommandLine.arguments.dropFirst()))
        print(outcome.markdown)
        print("Report: \(outcome.reportPath)")
    }

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet exclude each other.") }
        if keyFile != nil && kmsKeyID != nil { throw ValidationError("--key-file and --kms-key-id exclude each other.") }
    }
}
