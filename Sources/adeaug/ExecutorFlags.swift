import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

/// The executor flags of the commands that split into array tasks: each overrides one field of
/// the `ExecutorSettings` they start from (the library's defaults, or `executor:` of the
/// adeaug.yaml named by --config).
struct ExecutorFlags: ParsableArguments {
    @Option(help: "Where the work runs: local (this process) or slurm (submit a job array of the tasks and a merge job, then return).")
    var executor: ExecutorKind?

    @Option(help: "Array tasks to split the input files into (slurm).")
    var tasks: Int?

    @Option(help: "At most this many tasks running at once (slurm's --array=…%N).")
    var maxRunning: Int?

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Slurm account.")
    var account: String?

    @Option(help: "Time limit per task, in Slurm's format (minutes, HH:MM:SS, D-HH:MM:SS).")
    var timeLimit: String?

    @Option(help: "CPUs per task.")
    var cpusPerTask: Int?

    @Option(help: "Memory per task (2G, 500M).")
    var memoryPerTask: String?

    @Option(name: .customLong("sbatch"), parsing: .unconditionalSingleValue, help: "One more #SBATCH option per use, e.g. --sbatch=--qos=long.")
    var sbatch: [String] = []

    @Option(help: "adeaug.yaml whose executor: section to start from.")
    var config: String?

    @Flag(help: "Write the job scripts into <workspace>/jobs/ without submitting them.")
    var dryRun = false

    /// The config's executor (or the defaults) with every flag given laid over it.
    func settings() throws -> ExecutorSettings {
        var settings = try config.map { try PipelineConfig.load(path: $0).executor } ?? ExecutorSettings()
        if let executor { settings.kind = executor }
        if let tasks { settings.tasks = tasks }
        if let maxRunning { settings.maxRunning = maxRunning }
        if let partition { settings.partition = partition }
        if let account { settings.account = account }
        if let timeLimit { settings.timeLimit = timeLimit }
        if let cpusPerTask { settings.cpusPerTask = cpusPerTask }
        if let memoryPerTask { settings.memoryPerTask = memoryPerTask }
        settings.sbatch += sbatch
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return settings
    }
}

extension ExecutorKind: ExpressibleByArgument {}
