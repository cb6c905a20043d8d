import AdeaugCore
import Foundation

/// A command split into array tasks plus the merge of their parts, as written to
/// `<workspace>/jobs/<name>/job.json`: what each task runs (the same command line for all; a
/// task finds its index in `$SLURM_ARRAY_TASK_ID`), what the merge runs, and every submission.
public struct ArrayJob: Sendable, Codable, Equatable {
    /// The folder name under `jobs/`, e.g. `scan-hits`.
    public var name: String
    /// `scan`, `index`: the kind of the completion markers its tasks leave.
    public var kind: String
    /// The merged output (absolute); the tasks' parts and markers are in `<output>.parts/`.
    public var output: String
    public var tasks: Int
    public var executable: String
    public var workingDirectory: String
    /// Arguments of each task after the executable.
    public var taskArguments: [String]
    public var mergeArguments: [String]
    public var submissions: [JobSubmission] = []

    public init(
        kind: String, output: String, tasks: Int, executable: String, workingDirectory: String,
        taskArguments: [String], mergeArguments: [String]
    ) {
        self.name = kind + "-" + URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
        self.kind = kind
        self.output = output
        self.tasks = tasks
        self.executable = executable
        self.workingDirectory = workingDirectory
        self.taskArguments = taskArguments
        self.mergeArguments = mergeArguments
    }

    /// The tasks without a completion marker, which a submission runs.
    public func pendingTasks() throws -> [Int] {
        try (0..<tasks).filter { try TaskPart(output: output, task: try ArrayTask(index: $0, count: tasks)).completion() == nil }
    }

    public static let fileName = "job.json"

    public static func load(folder: String) throws(JobError) -> ArrayJob {
        let path = folder + "/" + fileName
        do {
            return try JSONDecoder().decode(ArrayJob.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadableJob(path: path, reason: "\(error)")
        }
    }

    public func save(folder: String) throws {
        try JSONText.encode(self, pretty: true).write(toFile: folder + "/" + Self.fileName, atomically: true, encoding: .utf8)
    }
}

/// One `sbatch` of an array job: which tasks, under which job ids.
public struct JobSubmission: Sendable, Codable, Equatable {
    /// Nil when every task was already complete and only the merge was submitted.
    public var arrayJobID: String?
    public var mergeJobID: String
    public var tasks: [Int]
    public var submittedAt: String
}
