import AdeaugCore
import Foundation

/// `index build` as one task of an array (or the whole job), like `ScanTask`: the task's files
/// go into its own part index, renamed when complete, then the completion marker.
public struct IndexBuildTask {
    public var files: [String]
    public var output: String
    /// Nil: not an array task; the whole job, straight into `output`.
    public var task: ArrayTask?
    public var settings: NGramSettings
    public var batchDocuments: Int
    public var startedAt: Date

    public init(files: [String], output: String, task: ArrayTask?, settings: NGramSettings, batchDocuments: Int, startedAt: Date = Date()) {
        self.files = files
        self.output = output
        self.task = task
        self.settings = settings
        self.batchDocuments = batchDocuments
        self.startedAt = startedAt
    }

    /// Where this array task's part and marker go (nil when not an array task).
    public var part: TaskPart? { task.map { TaskPart(output: output, task: $0) } }

    public func completion() throws -> TaskCompletion? {
        try part?.completion()
    }

    public func run(progress: (PretrainingIndexBuilder.FileResult) -> Void) throws -> [PretrainingIndexBuilder.FileResult] {
        let selected = task?.selectFiles(files) ?? Array(Set(files)).sorted()
        guard let task, let part else { return try build(selected, into: output, progress: progress) }
        let working = try part.prepare()
        let results = try build(selected, into: working, progress: progress)
        let done = results.filter { !$0.skipped }
        try part.complete(TaskCompletion(
            kind: "index", task: task, part: URL(fileURLWithPath: part.path).lastPathComponent,
            files: results.count, resumedFiles: results.count - done.count,
            documents: done.reduce(0) { $0 + $1.documents }, bytes: done.reduce(0) { $0 + $1.bytes },
            hashes: done.reduce(0) { $0 + $1.grams },
            seconds: Date().timeIntervalSince(startedAt), workSeconds: done.reduce(0) { $0 + $1.seconds }))
        return results
    }

    /// Builds into `path` and closes it (the index goes out of scope), so it can be renamed.
    private func build(
        _ files: [String], into path: String, progress: (PretrainingIndexBuilder.FileResult) -> Void
    ) throws -> [PretrainingIndexBuilder.FileResult] {
        let exists = FileManager.default.fileExists(atPath: path)
        let index = try PretrainingIndex(path: path, readOnly: false, settings: exists && settings == .default ? nil : settings)
        var builder = PretrainingIndexBuilder(index: index)
        builder.batchDocuments = batchDocuments
        var results: [PretrainingIndexBuilder.FileResult] = []
        for file in files {
            let result = try builder.add(path: file)
            progress(result)
            results.append(result)
        }
        if task != nil { try index.database.execute("PRAGMA journal_mode=DELETE") }
        return results
    }

    /// `index merge` of a finished array: every task's part, in task order, into `output`.
    public static func mergeParts(into output: String, progress: (String, Bool) -> Void) throws -> PretrainingIndexMerger {
        let started = Date()
        let parts = try TaskPart.completeParts(of: output)
        let settings = try PretrainingIndex(path: parts[0], readOnly: true).settings
        let merger = PretrainingIndexMerger(index: try PretrainingIndex(path: output, readOnly: false, settings: settings))
        for path in parts { progress(path, try merger.merge(part: path)) }
        try MergeCompletion(parts: parts.count, seconds: Date().timeIntervalSince(started)).write(of: output)
        return merger
    }
}
