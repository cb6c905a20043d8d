import AdeaugCore
import AdeaugPipeline
import AdeaugTestSupport
import Foundation
import Testing

/// The executor against a stand-in for Slurm's commands: what it writes, what it submits first
/// and on a resubmission, and what it refuses.
@Suite struct SlurmExecutorTests {
    /// Answers sbatch with increasing job ids and squeue with `queue`; records every command.
    final class FakeSlurm: @unchecked Sendable {
        private let lock = NSLock()
        private var nextID = 100
        private(set) var commands: [[String]] = []
        var queue = ""

        var runner: CommandRunner {
            CommandRunner { arguments in
                self.lock.lock()
                defer { self.lock.unlock() }
                self.commands.append(arguments)
                switch arguments[0] {
                case "sbatch":
                    self.nextID += 1
                    return .init(status: 0, output: "\(self.nextID);adeaug\n", errors: "")
                case "squeue": return .init(status: 0, output: self.queue, errors: "")
                case "sacct": return .init(status: 1, output: "", errors: "Slurm accounting storage is disabled")
                default: return .init(status: 0, output: "", errors: "")
                }
            }
        }
    }

    private func job(_ folder: TemporaryDirectory, tasks: Int = 4) -> ArrayJob {
        ArrayJob(
            kind: "scan", output: folder.path + "/hits.sqlite", tasks: tasks, executable: "/opt/adeaug's bin/adeaug",
            workingDirectory: folder.path, taskArguments: ["scan", "run", "--shard-count", "\(tasks)", "a.parquet"],
            mergeArguments: ["scan", "merge", "--out", folder.path + "/hits.sqlite"])
    }

    private func complete(_ job: ArrayJob, task index: Int) throws {
        let part = TaskPart(output: job.output, task: try ArrayTask(index: index, count: job.tasks))
        let working = try part.prepare()
        FileManager.default.createFile(atPath: working, contents: Data())
        try part.complete(TaskCompletion(kind: "scan", task: part.task, part: "p", files: 1, resumedFiles: 0, documents: 3, bytes: 10, hits: 1, seconds: 1, workSeconds: 0.5))
    }

    @Test func writesScriptsAndSubmitsTheArrayThenTheMergeAfterIt() throws {
        let folder = try TemporaryDirectory()
        var settings = ExecutorSettings()
        settings.kind = .slurm
        settings.maxRunning = 2
        settings.partition = "short"
        settings.sbatch = ["--qos=long"]
        let slurm = FakeSlurm()
        let outcome = try SlurmExecutor(settings: settings, runner: slurm.runner).submit(job(folder), jobsFolder: folder.path + "/jobs", dryRun: false)
        #expect(outcome.folder == folder.path + "/jobs/scan-hits")
        #expect(outcome.submission?.arrayJobID == "101" && outcome.submission?.mergeJobID == "102")
        let sbatch = slurm.commands.filter { $0[0] == "sbatch" }
        #expect(sbatch == [
            ["sbatch", "--parsable", "--array=0-3%2", outcome.arrayScript],
            ["sbatch", "--parsable", "--dependency=afterok:101", outcome.mergeScript],
        ])
        let script = try String(contentsOfFile: outcome.arrayScript, encoding: .utf8)
        for line in ["#SBATCH --array=0-3%2", "#SBATCH --output=\(outcome.folder)/logs/%A_%a.out", "#SBATCH --partition=short", "#SBATCH --qos=long",
                     "#SBATCH --mem=2G", "#SBATCH --time=01:00:00", "exec '/opt/adeaug'\\''s bin/adeaug' 'scan' 'run' '--shard-count' '4' 'a.parquet'"] {
            #expect(script.contains(line + "\n"), "\(line)")
        }
        #expect(try ArrayJob.load(folder: outcome.folder).submissions.count == 1)
    }

    @Test func aResubmissionRunsOnlyTasksWithoutAMarkerAndCancelsTheStaleMerge() throws {
        let folder = try TemporaryDirectory()
        var settings = ExecutorSettings()
        settings.kind = .slurm
        let slurm = FakeSlurm()
        let executor = SlurmExecutor(settings: settings, runner: slurm.runner)
        let job = job(folder)
        _ = try executor.submit(job, jobsFolder: folder.path + "/jobs", dryRun: false)
        // The array is still queued: a second submission would run its tasks twice.
        slurm.queue = "101_2|RUNNING\n102|PENDING\n"
        #expect(throws: JobError.stillQueued(job: "scan-hits", id: "101")) { try executor.submit(job, jobsFolder: folder.path + "/jobs", dryRun: false) }
        // Tasks 0, 1, 3 finished; task 2 was cancelled; the merge waits forever.
        for index in [0, 1, 3] { try complete(job, task: index) }
        slurm.queue = "102|PENDING\n"
        let again = try executor.submit(job, jobsFolder: folder.path + "/jobs", dryRun: false)
        #expect(again.tasks == [2])
        #expect(slurm.commands.contains(["scancel", "102"]))
        #expect(slurm.commands.suffix(2).map { $0.dropLast() } == [["sbatch", "--parsable", "--array=2"], ["sbatch", "--parsable", "--dependency=afterok:103"]])
        // What `adeaug jobs` shows.
        slurm.queue = "103_2|RUNNING\n104|PENDING\n"
        let report = try #require(try JobReport.all(jobsFolder: folder.path + "/jobs", queue: SlurmQueue(runner: slurm.runner)).first)
        #expect(report.tasks.map(\.state) == ["done", "done", "RUNNING", "done"])
        #expect(report.tasks[2].jobID == "103_2")
        #expect(report.merge == "PENDING" && report.mergeJobID == "104")
        // Everything complete: only the merge is submitted.
        try complete(job, task: 2)
        slurm.queue = ""
        let last = try executor.submit(job, jobsFolder: folder.path + "/jobs", dryRun: false)
        #expect(last.tasks.isEmpty && last.submission?.arrayJobID == nil)
        #expect(slurm.commands.last?.dropLast() == ["sbatch", "--parsable"])
    }

    @Test func aDryRunWritesTheScriptsAndSubmitsNothing() throws {
        let folder = try TemporaryDirectory()
        let slurm = FakeSlurm()
        let outcome = try SlurmExecutor(settings: ExecutorSettings(), runner: slurm.runner).submit(job(folder, tasks: 3), jobsFolder: folder.path + "/jobs", dryRun: true)
        #expect(slurm.commands.isEmpty)
        #expect(outcome.tasks == [0, 1, 2] && outcome.submission == nil)
        #expect(FileManager.default.isExecutableFile(atPath: outcome.arrayScript))
        #expect(try String(contentsOfFile: outcome.mergeScript, encoding: .utf8).contains("#SBATCH --output=\(outcome.folder)/logs/merge_%j.out\n"))
    }

    @Test func arraySpecsAndSettingsChecks() throws {
        #expect(SlurmScript.arraySpec([3, 0, 1, 2], maxRunning: nil) == "0-3")
        #expect(SlurmScript.arraySpec([0, 2, 3, 7], maxRunning: 4) == "0,2-3,7%4")
        var settings = ExecutorSettings()
        settings.timeLimit = "1 hour"
        #expect(throws: InvalidSetting.self) { try settings.validate() }
        settings.timeLimit = "2-00:00:00"
        settings.sbatch = ["qos=long"]
        #expect(throws: InvalidSetting.self) { try settings.validate() }
        settings.sbatch = ["--qos=long"]
        try settings.validate()
    }
}
