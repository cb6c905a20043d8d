import AdeaugCore
import Foundation

/// `adeaug jobs`: every array job in `<workspace>/jobs/`, each task's state from its completion
/// marker first (the truth, whatever the scheduler), then from `squeue`, then `sacct`.
public struct JobReport: Sendable, Codable, Equatable {
    public var name: String
    public var kind: String
    public var output: String
    public var tasks: [TaskState]
    /// `merged` (its marker is there), a Slurm state of the last merge job, or `not merged`.
    public var merge: String
    public var mergeJobID: String?
    public var folder: String

    public struct TaskState: Sendable, Codable, Equatable {
        public var index: Int
        /// `done`, a Slurm state (`PENDING`, `RUNNING`, `FAILED`, `CANCELLED`…), `not done`
        /// (left the queue without a marker: failed or cancelled; see its log), or `not submitted`.
        public var state: String
        public var jobID: String?
        public var log: String?
        public var completion: TaskCompletion?
    }

    public var done: Int { tasks.filter { $0.state == "done" }.count }

    /// Reports every job under `jobsFolder`, by name.
    public static func all(jobsFolder: String, queue: SlurmQueue) throws -> [JobReport] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: jobsFolder) else { return [] }
        let jobs = try names.sorted().filter { FileManager.default.fileExists(atPath: "\(jobsFolder)/\($0)/\(ArrayJob.fileName)") }
            .map { try ArrayJob.load(folder: "\(jobsFolder)/\($0)") }
        let queued = try queue.states()
        let ids = jobs.flatMap { $0.submissions.flatMap { [$0.arrayJobID, $0.mergeJobID].compactMap { $0 } } }
        let finished = queue.accounting(ids.filter { id in !queued.keys.contains { $0 == id || $0.hasPrefix(id + "_") } })
        return try jobs.map { try report($0, folder: "\(jobsFolder)/\($0.name)", states: queued.merging(finished) { queued, _ in queued }) }
    }

    static func report(_ job: ArrayJob, folder: String, states: [String: String]) throws -> JobReport {
        let tasks = try (0..<job.tasks).map { index -> TaskState in
            let part = TaskPart(output: job.output, task: try ArrayTask(index: index, count: job.tasks))
            let submission = job.submissions.last { $0.tasks.contains(index) }
            let jobID = submission?.arrayJobID.map { "\($0)_\(index)" }
            let log = submission?.arrayJobID.map { "\(folder)/logs/\($0)_\(index).out" }
            if let completion = try part.completion() {
                return TaskState(index: index, state: "done", jobID: jobID, log: log, completion: completion)
            }
            guard let jobID else { return TaskState(index: index, state: "not submitted") }
            return TaskState(index: index, state: states[jobID] ?? "not done", jobID: jobID, log: log)
        }
        let mergeJobID = job.submissions.last?.mergeJobID
        let merge = MergeCompletion.read(of: job.output) != nil ? "merged" : mergeJobID.flatMap { states[$0] } ?? "not merged"
        return JobReport(name: job.name, kind: job.kind, output: job.output, tasks: tasks, merge: merge, mergeJobID: mergeJobID, folder: folder)
    }

    /// Lines for a terminal.
    public var text: String {
        var lines = ["\(name): \(done)/\(tasks.count) tasks done, \(merge)\(mergeJobID.map { " (merge job \($0))" } ?? "") → \(output)"]
        for task in tasks {
            var line = "  task \(task.index)  \(task.state)"
            if let completion = task.completion, let runs = completion.runs {
                let unit = completion.kind == "tune" ? "setting" : "run"
                line += "  \(completion.files) \(unit)\(completion.files == 1 ? "" : "s"), \(runs) trained"
                line += String(format: ", %.1f s", completion.seconds)
            } else if let completion = task.completion {
                line += "  \(completion.files) file\(completion.files == 1 ? "" : "s"), \(completion.documents) documents"
                line += String(format: ", %.1f s", completion.seconds)
                if let hits = completion.hits { line += ", \(hits) hits" }
            } else if let jobID = task.jobID {
                line += "  job \(jobID)"
            }
            if task.state != "done", let log = task.log, FileManager.default.fileExists(atPath: log) { line += "  log \(log)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
