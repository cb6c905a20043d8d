import Foundation

/// The locks this process holds: one descriptor per lock file, counted. A second descriptor
/// would be a second open file description, which `flock` treats as another holder.
final class WorkspaceLockTable: @unchecked Sendable {
    static let shared = WorkspaceLockTable()

    private struct Entry {
        var descriptor: Int32
        var count: Int
    }

    private let mutex = NSLock()
    private var entries: [String: Entry] = [:]

    func retain(_ path: String, directory: String, holder: WorkspaceLockHolder) throws(WorkspaceLockError) {
        mutex.lock()
        defer { mutex.unlock() }
        if var entry = entries[path] {
            entry.count += 1
            entries[path] = entry
            return
        }
        let descriptor = try WorkspaceLockFile.take(path, directory: directory, holder: holder)
        entries[path] = Entry(descriptor: descriptor, count: 1)
    }

    func release(_ path: String) {
        mutex.lock()
        defer { mutex.unlock() }
        guard var entry = entries[path] else { return }
        entry.count -= 1
        if entry.count > 0 {
            entries[path] = entry
            return
        }
        entries[path] = nil
        WorkspaceLockFile.give(entry.descriptor)
    }
}
