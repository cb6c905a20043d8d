import ArgumentParser
import Foundation
import Logging

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Workspace folder (holds workspace.sqlite).")
    var workspace: String = "outputs/default"

    @Flag(help: "Make a new workspace encrypted (AES-256-GCM on every page; needs a key). An encrypted workspace is recognised by its encryption.json, so later commands need only the key.")
    var encrypt = false

    @Option(name: .customLong("key-file"), help: "Key file of an encrypted workspace (base64, mode 0600; make one with `adeaug keygen`). Default: $ADEAUG_KEY_FILE; $ADEAUG_KEY may hold the key itself.")
    var keyFile: String?

    @Option(name: .customLong("kms-key-id"), help: "AWS KMS key that wraps the workspace's data key (envelope encryption; only the wrapped key is stored).")
    var kmsKeyID: String?

    @Option(help: "AWS region (of the KMS key; for generate, of the SageMaker endpoint).")
    var region: String?

    @Flag(name: .shortAndLong, help: "Log more detail to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only errors.")
    var quiet = false

    /// A logger writing to stderr at the level the flags ask for; results go to stdout.
    func makeLogger() -> Logger { Self.logger(verbose: verbose, quiet: quiet) }

    static func logger(verbose: Bool, quiet: Bool) -> Logger {
        var logger = Logger(label: "adeaug") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : (quiet ? .error : .info)
        return logger
    }

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet exclude each other.") }
        if keyFile != nil && kmsKeyID != nil { throw ValidationError("--key-file and --kms-key-id exclude each other.") }
    }
}
