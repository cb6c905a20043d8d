import ArgumentParser
import Logging

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Workspace folder (holds workspace.sqlite).")
    var workspace: String = "outputs/default"

    @Flag(name: .shortAndLong, help: "Log more detail to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only errors.")
    var quiet = false

    /// A logger writing to stderr at the level the flags ask for; results go to stdout.
    func makeLogger() -> Logger {
        var logger = Logger(label: "adeaug") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : (quiet ? .error : .info)
        return logger
    }

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet exclude each other.") }
    }
}
