import AdeaugCore
import Foundation

/// Writes an array job's scripts into `<jobs>/<name>/` and submits them: the tasks without a
/// completion marker as one job array, and the merge as a job that runs once they all
/// succeeded (`afterok`). Submitting again after some tasks failed or were cancelled runs only
/// those tasks, then the merge.
public struct SlurmExecutor {
    public var settings: ExecutorSettings
    public var runner: CommandRunner

    public init(settings: ExecutorSettings, runner: CommandRunner = .system) {
        self.settings = settings
        self.runner = runner
    }

    public struct Outcome: Sendable {
        public var folder: String
        public var arrayScript: String
        public var mergeScript: String
        /// The tasks submitted (or, for a dry run, that would be).
        public var tasks: [Int]
        public var submission: JobSubmission?
    }

    public func submit(_ job: ArrayJob, jobsFolder: String, dryRun: Bool) throws -> Outcome {
        let folder = jobsFolder + "/" + job.name
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        var job = job
        let existing = FileManager.default.fileExists(atPath: folder + "/" + ArrayJob.fileName) ? try ArrayJob.load(folder: folder) : nil
        job.submissions = existing?.submissions ?? []
        let pending = try job.pendingTasks()
        if !dryRun { try settle(job.submissions, job: job.name) }
        let arrayScript = folder + "/array.sh"
        let mergeScript = folder + "/merge.sh"
        try SlurmScript.array(job, settings: settings, folder: folder).write(toFile: arrayScript, atomically: true, encoding: .utf8)
        try SlurmScript.merge(job, settings: settings, folder: folder).write(toFile: mergeScript, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: arrayScript)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: mergeScript)
        var outcome = Outcome(folder: folder, arrayScript: arrayScript, mergeScript: mergeScript, tasks: pending)
        guard !dryRun else {
            try job.save(folder: folder)
            return outcome
        }
        var arrayID: String?
        if !pending.isEmpty {
            arrayID = try jobID(["sbatch", "--parsable", "--array=\(SlurmScript.arraySpec(pending, maxRunning: settings.maxRunning))", arrayScript])
        }
        let mergeID = try jobID(["sbatch", "--parsable"] + (arrayID.map { ["--dependency=afterok:\($0)"] } ?? []) + [mergeScript])
        let submission = JobSubmission(arrayJobID: arrayID, mergeJobID: mergeID, tasks: pending, submittedAt: Timestamp.now())
        job.submissions.append(submission)
        try job.save(folder: folder)
        outcome.submission = submission
        return outcome
    }

    /// Before a resubmission: an array still in the queue would run its tasks twice, so it is
    /// refused; a merge still waiting on an array that failed can never run, so it is cancelled.
    private func settle(_ submissions: [JobSubmission], job: String) throws {
        let queued = try SlurmQueue(runner: runner).states()
        for submission in submissions {
            if let array = submission.arrayJobID, queued.keys.contains(where: { $0 == array || $0.hasPrefix(array + "_") }) {
                throw JobError.stillQueued(job: job, id: array)
            }
            if queued[submission.mergeJobID] != nil { _ = try runner.checked(["scancel", submission.mergeJobID]) }
        }
    }

    /// Runs `sbatch --parsable` and reads the id it prints (`123` or `123;cluster`).
    private func jobID(_ arguments: [String]) throws -> String {
        let printed = try runner.checked(arguments).trimmingCharacters(in: .whitespacesAndNewlines)
        let id = printed.split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw JobError.badJobID(command: arguments.joined(separator: " "), output: printed) }
        return id
    }
}
