import Foundation

/// The completion marker an array task leaves next to its part once the part is complete: what
/// it did, in figures. Its presence is what makes the task done; `adeaug jobs` and the merge
/// read it, and a task started again exits at once when it finds it.
public struct TaskCompletion: Sendable, Codable, Equatable {
    /// What the task did: `scan`, `index`, `compare`, `tune`.
    public var kind: String
    public var task: ArrayTask
    /// The part's file name, in the parts folder.
    public var part: String
    /// Input files of this task, and how many were already done by an earlier, killed attempt.
    /// The figures below count the files this attempt did.
    public var files: Int
    public var resumedFiles: Int
    public var documents: Int
    public var bytes: Int
    /// Scan: hits stored.
    public var hits: Int?
    /// Index: new n-gram hashes stored.
    public var hashes: Int?
    /// Compare and tune: training runs this attempt did (`files` counts the task's grid cells, and
    /// `resumedFiles` those already trained, in the workspace or by a killed attempt).
    public var runs: Int?
    /// Compare and tune: the grid the part belongs to (`ComparisonGrid.fingerprint`, `TuningRound.fingerprint`).
    public var grid: String?
    /// From the process start to the marker: start-up, loading queries, work and writing the part.
    public var seconds: Double
    /// Seconds spent reading and matching the input files alone.
    public var workSeconds: Double
    public var finishedAt: String
    public var host: String

    public init(
        kind: String, task: ArrayTask, part: String, files: Int, resumedFiles: Int, documents: Int, bytes: Int,
        hits: Int? = nil, hashes: Int? = nil, seconds: Double, workSeconds: Double
    ) {
        self.kind = kind
        self.task = task
        self.part = part
        self.files = files
        self.resumedFiles = resumedFiles
        self.documents = documents
        self.bytes = bytes
        self.hits = hits
        self.hashes = hashes
        self.seconds = seconds
        self.workSeconds = workSeconds
        self.finishedAt = Timestamp.now()
        self.host = ProcessInfo.processInfo.hostName
    }
}

extension TaskCompletion {
    /// The marker of a task that trains its share of a grid (compare's runs, a tune round's
    /// settings): `cells` in its share, `trained` of them by this attempt (the rest were stored
    /// already), and the grid's fingerprint, so a merge can refuse parts of another grid.
    public init(grid fingerprint: String, kind: String, part: TaskPart, cells: Int, trained: Int, startedAt: Date, trainingSeconds: Double) {
        self.init(
            kind: kind, task: part.task, part: URL(fileURLWithPath: part.path).lastPathComponent,
            files: cells, resumedFiles: cells - trained, documents: 0, bytes: 0,
            seconds: Date().timeIntervalSince(startedAt), workSeconds: trainingSeconds)
        runs = trained
        grid = fingerprint
    }
}
