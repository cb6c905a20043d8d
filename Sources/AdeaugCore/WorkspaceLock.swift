import Foundation

/// One writer per workspace: an advisory `flock(2)` on `workspace.lock` in the workspace
/// folder, held as long as this value lives. The kernel drops it when the process dies, even
/// by SIGKILL, so a crash never leaves the workspace locked. A second writer is refused at
/// once, with the holder's command line and process id read from the file.
///
/// The lock file is never renamed, replaced or removed (`rekey` renames only the database), so
/// every process locks the same file. The lock belongs to the process: acquiring it again in
/// the process that holds it (the pipeline opening its workspace twice) shares the one lock,
/// released when the last value goes.
public final class WorkspaceLock: Sendable {
    public static let fileName = "workspace.lock"

    /// The lock file.
    public let path: String

    private init(path: String) {
        self.path = path
    }

    deinit {
        HeldLocks.shared.release(path)
    }

    /// Takes the workspace in the existing folder `directory` for this process, or throws
    /// `.held` naming the process that has it. Never waits.
    public static func acquire(
        directory: String, commandLine: [String] = CommandLine.arguments, encrypted: Bool = false
    ) throws(WorkspaceLockError) -> WorkspaceLock {
        let path = canonicalFolder(directory) + "/" + fileName
        let holder = WorkspaceLockHolder.current(commandLine: commandLine, encrypted: encrypted)
        try HeldLocks.shared.retain(path, directory: directory, holder: holder)
        return WorkspaceLock(path: path)
    }

    /// Who holds the workspace in `directory` by its lock file, without touching the lock;
    /// nil when nobody does (or the holder has not written its record yet).
    public static func holder(ofWorkspace directory: String) -> WorkspaceLockHolder? {
        LockFile.currentHolder(canonicalFolder(directory) + "/" + fileName, attempts: 1)
    }

    /// One path per folder however it is spelled (relative, `..`, symbolic links), so that the
    /// process's table sees the same workspace as the same lock.
    private static func canonicalFolder(_ directory: String) -> String {
        guard let resolved = realpath(directory, nil) else { return URL(fileURLWithPath: directory).standardized.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// The locks this process holds: one descriptor per lock file, counted. A second descriptor
/// would be a second open file description, which `flock` treats as another holder.
private final class HeldLocks: @unchecked Sendable {
    static let shared = HeldLocks()

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
        let descriptor = try LockFile.take(path, directory: directory, holder: holder)
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
        LockFile.give(entry.descriptor)
    }
}

/// The system calls on the lock file itself.
enum LockFile {
    /// Opens (or creates, owner-only) and locks `path`; writes `holder` into it.
    static func take(_ path: String, directory: String, holder: WorkspaceLockHolder) throws(WorkspaceLockError) -> Int32 {
        // Close-on-exec: a child process (a server, a plotter) must not inherit the lock and keep
        // it after this process has gone.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(descriptor)
            guard code == EWOULDBLOCK else { throw .cannotOpen(path: path, reason: String(cString: strerror(code))) }
            throw .held(directory: directory, holder: currentHolder(path))
        }
        if let record = try? holder.encoded() {
            _ = ftruncate(descriptor, 0)
            _ = record.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return descriptor
    }

    /// Empties the file (no holder) and unlocks it before closing it. Closing alone may not
    /// drop the lock: a child being spawned by another thread holds a copy of the descriptor
    /// until its exec closes it, and the lock lasts while any copy is open.
    static func give(_ descriptor: Int32) {
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The holder's record. A holder that has just taken the lock may not have written it yet,
    /// and the record there may be that of a holder since killed: look again for a moment.
    static func currentHolder(_ path: String, attempts: Int = 25) -> WorkspaceLockHolder? {
        for attempt in 0..<attempts {
            if let data = FileManager.default.contents(atPath: path), let holder = WorkspaceLockHolder.decode(data),
                holder.isAlive {
                return holder
            }
            if attempt + 1 < attempts { usleep(20_000) }
        }
        return nil
    }
}
