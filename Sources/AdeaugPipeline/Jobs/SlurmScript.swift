import AdeaugCore

/// The two batch scripts of an array job: the array (every task runs the same command line and
/// finds its index in `$SLURM_ARRAY_TASK_ID`) and the merge. Scheduler options are `#SBATCH`
/// lines, so the scripts can be read, edited and submitted by hand; adeaug's own submission
/// overrides only `--array` (to resubmit the tasks without a marker) and adds the dependency.
public enum SlurmScript {
    public static func array(_ job: ArrayJob, settings: ExecutorSettings, folder: String) -> String {
        render(
            job, settings: settings, folder: folder, name: "adeaug-\(job.name)",
            options: ["--array=\(arraySpec(Array(0..<job.tasks), maxRunning: settings.maxRunning))", "--output=\(folder)/logs/%A_%a.out"],
            comment: "Task $SLURM_ARRAY_TASK_ID of \(job.tasks): writes its part and completion marker to \(job.output).parts/.",
            arguments: job.taskArguments)
    }

    public static func merge(_ job: ArrayJob, settings: ExecutorSettings, folder: String) -> String {
        render(
            job, settings: settings, folder: folder, name: "adeaug-\(job.name)-merge",
            options: ["--output=\(folder)/logs/merge_%j.out"],
            comment: "Folds the \(job.tasks) parts in \(job.output).parts/ into \(job.output) once every task has its marker.",
            arguments: job.mergeArguments)
    }

    private static func render(
        _ job: ArrayJob, settings: ExecutorSettings, folder: String, name: String, options: [String], comment: String, arguments: [String]
    ) -> String {
        var lines = ["#!/bin/bash", "# Written by adeaug (\(job.kind)). \(comment)"]
        var sbatch = ["--job-name=\(name)"] + options
        sbatch += ["--cpus-per-task=\(settings.cpusPerTask)", "--mem=\(settings.memoryPerTask)", "--time=\(settings.timeLimit)"]
        if let partition = settings.partition { sbatch.append("--partition=\(partition)") }
        if let account = settings.account { sbatch.append("--account=\(account)") }
        sbatch += settings.sbatch
        lines += sbatch.map { "#SBATCH \($0)" }
        lines += ["set -euo pipefail", "cd \(quoted(job.workingDirectory))", "exec " + ([job.executable] + arguments).map(quoted).joined(separator: " "), ""]
        return lines.joined(separator: "\n")
    }

    /// `0-3`, `1,3`, `0-2,5%2`: the task ids as Slurm's `--array` wants them.
    public static func arraySpec(_ tasks: [Int], maxRunning: Int?) -> String {
        var ranges: [String] = []
        var index = 0
        let sorted = tasks.sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            ranges.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return ranges.joined(separator: ",") + (maxRunning.map { "%\($0)" } ?? "")
    }

    /// One shell word, single-quoted.
    public static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
