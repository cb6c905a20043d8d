import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

/// Hands a command to the Slurm executor: the tasks run this same executable with the same
/// options (paths made absolute, `--executor local --shard-count N` added), the merge runs
/// `merge` (e.g. `scan merge --out <output>`) in the same workspace.
struct ArraySubmission {
    var global: GlobalOptions
    var settings: ExecutorSettings
    var dryRun: Bool

    /// Submits (or, for a dry run, writes) the job and prints what happened.
    func submit(kind: String, command: [String], output: String, options: [String], inputs: [String], merge: [String]) throws {
        let missing = inputs.filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else { throw ValidationError("No such input file: \(missing.joined(separator: ", ")).") }
        let output = Self.absolute(output)
        let job = ArrayJob(
            kind: kind, output: output, tasks: settings.tasks, executable: Self.executable,
            workingDirectory: FileManager.default.currentDirectoryPath,
            taskArguments: command + ["--executor", "local", "--shard-count", "\(settings.tasks)", "--workspace", Self.absolute(global.workspace)]
                + options + inputs.map(Self.absolute),
            mergeArguments: merge + ["--workspace", Self.absolute(global.workspace)])
        let outcome = try SlurmExecutor(settings: settings).submit(job, jobsFolder: Self.absolute(global.workspace) + "/jobs", dryRun: dryRun)
        let tasks = outcome.tasks.isEmpty ? "no task (all complete)" : "tasks \(SlurmScript.arraySpec(outcome.tasks, maxRunning: nil)) of \(settings.tasks)"
        if let submission = outcome.submission {
            print("Submitted \(tasks): array job \(submission.arrayJobID ?? "none"), merge job \(submission.mergeJobID) (afterok). Scripts and logs in \(outcome.folder); follow with `adeaug jobs --workspace \(global.workspace)`.")
        } else {
            print("Wrote \(outcome.arrayScript) and \(outcome.mergeScript) (would submit \(tasks)); nothing submitted.")
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/")).standardizedFileURL.path
    }

    /// This executable, for the tasks to run: /proc/self/exe on Linux, else the path it was started by.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(CommandLine.arguments[0])
    }
}
