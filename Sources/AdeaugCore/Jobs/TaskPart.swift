import Foundation

/// Where one array task's output goes: its own SQLite part in `<output>.parts/` (tasks never
/// share a SQLite file), written under a working name and renamed when complete, then the
/// completion marker. The merged output is `<output>` itself, written by the merge.
///
///     hits.sqlite.parts/part-0002-of-0004.working.sqlite   while the task runs (kept if it is killed)
///     hits.sqlite.parts/part-0002-of-0004.sqlite           once complete
///     hits.sqlite.parts/part-0002-of-0004.done.json        the marker, written last
public struct TaskPart: Sendable {
    public let output: String
    public let task: ArrayTask

    public init(output: String, task: ArrayTask) {
        self.output = output
        self.task = task
    }

    public var folder: String { Self.folder(of: output) }
    public static func folder(of output: String) -> String { output + ".parts" }

    private var stem: String { "part-\(Self.padded(task.index))-of-\(Self.padded(task.count))" }
    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public var path: String { "\(folder)/\(stem).sqlite" }
    public var workingPath: String { "\(folder)/\(stem).working.sqlite" }
    public var markerPath: String { "\(folder)/\(stem).done.json" }

    /// The marker, when this task already completed.
    public func completion() throws(TaskPartError) -> TaskCompletion? {
        guard FileManager.default.fileExists(atPath: markerPath) else { return nil }
        do {
            return try JSONDecoder().decode(TaskCompletion.self, from: Data(contentsOf: URL(fileURLWithPath: markerPath)))
        } catch {
            throw .unreadableMarker(path: markerPath, reason: "\(error)")
        }
    }

    /// Makes the folder and returns the working file to write to. A part renamed but left
    /// without its marker (killed between the two) goes back to the working name, so the task
    /// finishes it (every input already in it is skipped) and writes the marker.
    public func prepare() throws(TaskPartError) -> String {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if files.fileExists(atPath: path) {
                if files.fileExists(atPath: workingPath) { try files.removeItem(atPath: workingPath) }
                try files.moveItem(atPath: path, toPath: workingPath)
            }
        } catch {
            throw .unwritable(path: folder, reason: "\(error)")
        }
        return workingPath
    }

    /// Renames the working file (closed by then) to the part's name, then writes the marker
    /// under a temporary name and renames it, so a marker is never half written.
    public func complete(_ completion: TaskCompletion) throws(TaskPartError) {
        let files = FileManager.default
        do {
            // Pages still in a write-ahead log would be lost with the rename.
            if files.fileExists(atPath: workingPath + "-wal") {
                throw TaskPartError.unwritable(path: workingPath + "-wal", reason: "the part is still open")
            }
            if files.fileExists(atPath: workingPath + "-shm") { try files.removeItem(atPath: workingPath + "-shm") }
            try files.moveItem(atPath: workingPath, toPath: path)
            let temporary = markerPath + ".tmp"
            try JSONText.encode(completion, pretty: true).write(toFile: temporary, atomically: false, encoding: .utf8)
            if files.fileExists(atPath: markerPath) { try files.removeItem(atPath: markerPath) }
            try files.moveItem(atPath: temporary, toPath: markerPath)
        } catch let error as TaskPartError {
            throw error
        } catch {
            throw .unwritable(path: markerPath, reason: "\(error)")
        }
    }

    /// The markers of every task of `output`'s array, by task index; missing indexes are tasks
    /// not done. The count is the one the markers agree on.
    public static func completions(of output: String) throws(TaskPartError) -> [TaskCompletion] {
        let directory = Self.folder(of: output)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [TaskCompletion] = []
        for name in names.sorted() where name.hasSuffix(".done.json") {
            let path = directory + "/" + name
            do {
                found.append(try JSONDecoder().decode(TaskCompletion.self, from: Data(contentsOf: URL(fileURLWithPath: path))))
            } catch {
                throw .unreadableMarker(path: path, reason: "\(error)")
            }
        }
        return found.sorted { $0.task.index < $1.task.index }
    }

    /// The parts to merge, in task order, once all `count` tasks are complete.
    public static func completeParts(of output: String) throws(TaskPartError) -> [String] {
        let completions = try completions(of: output)
        guard let count = completions.first?.task.count else { throw .noParts(output: output) }
        if let other = completions.first(where: { $0.task.count != count }) {
            throw .mixedCounts(output: output, counts: [count, other.task.count])
        }
        let done = Set(completions.map(\.task.index))
        let missing = (0..<count).filter { !done.contains($0) }
        guard missing.isEmpty else { throw .incomplete(output: output, missing: missing, count: count) }
        return completions.map { TaskPart(output: output, task: $0.task).path }
    }
}
