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
            Gemma 3 270M, low-resource mode (200 real positives) with 200 added positives per \
            strategy, frozen-encoder comparisons over 3 seeds plus one fully fine-tuned pair. \
            Every step is kept in the workspace: run it again after a kill and it goes on.
            """)

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
        let settings = try config.map { try PipelineConfig.load(path: $0) } ?? PipelineConfig()
        // The command line wins over the config's encryption section.
        let encryption = settings.encryption
        var arguments = verbose ? ["--verbose"] : (quiet ? ["--quiet"] : [])
        if encrypt || encryption.enabled { arguments.append("--encrypt") }
        if let keyFile = keyFile ?? (kmsKeyID == nil ? encryption.keyFile.map { NSString(string: $0).expandingTildeInPath } : nil) {
            arguments += ["--key-file", keyFile]
        }
        if let kmsKeyID = kmsKeyID ?? (keyFile == nil ? encryption.kmsKeyID : nil) { arguments += ["--kms-key-id", kmsKeyID] }
        if let region = region ?? encryption.region { arguments += ["--region", region] }
        let global = try GlobalOptions.parse(arguments)
        let logger = global.makeLogger()
        let location = try global.workspaceLocation(settings.workspace)
        let outcome = try PipelineRunner(config: settings, logger: logger, keys: location.keys, encrypt: location.encrypt)
            .run(arguments: Array(CommandLine.arguments.dropFirst()))
        print(outcome.markdown)
        print("Report: \(outcome.reportPath)")
    }
}
