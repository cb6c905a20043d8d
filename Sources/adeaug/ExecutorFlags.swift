import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

/// The executor flags of the commands that split into array tasks (`scan run`, `index build`,
/// `compare`): each overrides one field of
/// the `ExecutorSettings` they start from (the library's defaults, or `executor:` of the
/// adeaug.yaml named by --config).
struct ExecutorFlags: ParsableArguments {
    @Option(help: "Where the work runs: local (this process) or slurm (submit a job array of the tasks and a merge job, then return).")
    var executor: ExecutorKind?

    @Option(help: "Array tasks to split the work into: input files for scan and index, training runs for compare, a round's settings for tune (slurm).")
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

    @Option(help: "adeaug.yaml whose executor: section (and for tune its tune: section) to start from; the flags override it.")
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

extension ExecutorFlags {
    /// Options of these flags that take a value, and the one that does not.
    static let valueOptions = [
        "--executor", "--tasks", "--max-running", "--partition", "--account", "--time-limit", "--cpus-per-task",
        "--memory-per-task", "--sbatch", "--config",
    ]
    static let flagOptions = ["--dry-run"]

    /// A command line (after the command's name) as each array task and the merge run it: the
    /// executor's options dropped (the tasks run here, in their process; `ArraySubmission` adds
    /// `--executor local --shard-count N`) and `--workspace` too (given again, absolute).
    static func taskOptions(_ arguments: [String]) -> [String] {
        let dropped = valueOptions + ["--workspace"]
        var kept: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                kept += arguments[(index - 1)...]
                break
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flagOptions.contains(argument) { continue }
            if dropped.contains(name) {
                if !argument.contains("=") { index += 1 }  // its value is the next word
                continue
            }
            kept.append(argument)
        }
        return kept
    }
}

extension ExecutorKind: ExpressibleByArgument {}
