import Foundation

/// The system calls on the lock file itself.
enum WorkspaceLockFile {
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
