import Foundation

/// `executor:` in adeaug.yaml and the executor flags of the commands that split into array
/// tasks (`scan run`, `index build`, `compare`, `tune`): whether they run here, in this process, or as a job array
/// submitted to Slurm, and what each task asks the scheduler for.
public struct ExecutorSettings: Sendable, Codable, Equatable {
    public var kind = ExecutorKind.local
    /// Array tasks the work is split into (Slurm).
    public var tasks = 4
    /// At most this many tasks running at once (`--array=0-N%max`; nil: no limit).
    public var maxRunning: Int?
    public var partition: String?
    public var account: String?
    /// Per task, in Slurm's format (`minutes`, `HH:MM:SS`, `D-HH:MM:SS`).
    public var timeLimit = "01:00:00"
    public var cpusPerTask = 1
    /// Per task, in Slurm's format (`2G`, `500M`).
    public var memoryPerTask = "2G"
    /// More `#SBATCH` lines, without the prefix (`--qos=long`, `--constraint=avx2`).
    public var sbatch: [String] = []

    public init() {}

    public func validate() throws(InvalidSetting) {
        guard tasks >= 1 else { throw InvalidSetting("tasks", "must be at least 1") }
        if let maxRunning, maxRunning < 1 { throw InvalidSetting("maxRunning", "must be at least 1") }
        guard cpusPerTask >= 1 else { throw InvalidSetting("cpusPerTask", "must be at least 1") }
        guard timeLimit.range(of: #"^(\d+-)?\d+(:\d\d){0,2}$"#, options: .regularExpression) != nil else {
            throw InvalidSetting("timeLimit", "is \(timeLimit), not Slurm's minutes, HH:MM:SS or D-HH:MM:SS")
        }
        guard memoryPerTask.range(of: #"^\d+[KMGT]?$"#, options: .regularExpression) != nil else {
            throw InvalidSetting("memoryPerTask", "is \(memoryPerTask), not a size such as 2G or 500M")
        }
        for line in sbatch where !line.hasPrefix("-") || line.contains("\n") {
            throw InvalidSetting("sbatch", "line \"\(line)\" is not one sbatch option such as --qos=long")
        }
    }
}

/// Where array tasks run.
public enum ExecutorKind: String, SettingsChoice {
    /// This process does the whole job (or the one task `--shard` names).
    case local
    /// `sbatch` a job array and a merge job that depends on it.
    case slurm
}
