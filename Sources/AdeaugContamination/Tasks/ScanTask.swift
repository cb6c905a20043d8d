import AdeaugCore
import Foundation

/// `scan run` as one task of an array (or the whole job): the task's files scanned into its
/// own part (`TaskPart`), then the completion marker; as a single process, straight into the
/// output as before. Either way resumable: shards already in the file being written are skipped.
public struct ScanTask {
    public var files: [String]
    public var output: String
    /// Nil: not an array task; the whole job, straight into `output`.
    public var task: ArrayTask?
    /// When the process started, for the marker's overall seconds (start-up and loading included).
    public var startedAt: Date

    public init(files: [String], output: String, task: ArrayTask?, startedAt: Date = Date()) {
        self.files = files
        self.output = output
        self.task = task
        self.startedAt = startedAt
    }

    /// Where this array task's part and marker go (nil when not an array task).
    public var part: TaskPart? { task.map { TaskPart(output: output, task: $0) } }

    /// The marker of this task when it already completed (a part of an array only).
    public func completion() throws -> TaskCompletion? {
        try part?.completion()
    }

    /// Scans this task's files; `progress` hears each shard as it is done.
    public func run(querySet: ScanQuerySet, progress: (ShardScanner.ShardResult) -> Void) throws -> [ShardScanner.ShardResult] {
        let selected = task?.selectFiles(files) ?? Array(Set(files)).sorted()
        guard let task, let part else {
            let scanner = try ShardScanner(querySet: querySet, outputPath: output)
            return try selected.map { path in
                let result = try scanner.scan(path: path)
                progress(result)
                return result
            }
        }
        let working = try part.prepare()
        let results = try Self.scan(selected, querySet: querySet, into: working, progress: progress)
        let done = results.filter { !$0.skipped }
        try part.complete(TaskCompletion(
            kind: "scan", task: task, part: URL(fileURLWithPath: part.path).lastPathComponent,
            files: results.count, resumedFiles: results.count - done.count,
            documents: done.reduce(0) { $0 + $1.documents }, bytes: done.reduce(0) { $0 + $1.bytes },
            hits: done.reduce(0) { $0 + $1.hits },
            seconds: Date().timeIntervalSince(startedAt), workSeconds: done.reduce(0) { $0 + $1.seconds }))
        return results
    }

    /// Scans into `path` and closes it (the scanner goes out of scope), so it can be renamed.
    private static func scan(
        _ files: [String], querySet: ScanQuerySet, into path: String, progress: (ShardScanner.ShardResult) -> Void
    ) throws -> [ShardScanner.ShardResult] {
        let scanner = try ShardScanner(querySet: querySet, outputPath: path)
        var results: [ShardScanner.ShardResult] = []
        for file in files {
            let result = try scanner.scan(path: file)
            progress(result)
            results.append(result)
        }
        try scanner.output.execute("PRAGMA journal_mode=DELETE")
        return results
    }

    /// `scan merge` of a finished array: every task's part, in task order, into `output`.
    public static func mergeParts(into output: String, progress: (String) -> Void) throws -> [String] {
        let started = Date()
        let parts = try TaskPart.completeParts(of: output)
        let merged = try ShardScanner(querySet: ScanQuerySet(queries: []), outputPath: output)
        for path in parts {
            try merged.merge(part: path)
            progress(path)
        }
        try MergeCompletion(parts: parts.count, seconds: Date().timeIntervalSince(started)).write(of: output)
        return parts
    }
}
