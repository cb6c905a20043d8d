import Foundation

/// One writer per workspace: an advisory `flock(2)` on `workspace.lock` in the workspace
/// folder, held as long as this value lives. The kernel drops it when the process dies, even
/// by SIGKILL, so a crash never leaves the workspace locked. A second writer is refused at
/// once, with the holder's command line and process id read from the file.
///
/// The lock file is never renamed or replaced (`rekey` renames only the database), so every
/// process locks the same file; it goes only with the folder of a new workspace that could not
/// be made. The lock belongs to the process: acquiring it again in
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
        WorkspaceLockTable.shared.release(path)
    }

    /// Takes the workspace in the existing folder `directory` for this process, or throws
    /// `.held` naming the process that has it. Never waits.
    public static func acquire(
        directory: String, commandLine: [String] = CommandLine.arguments, encrypted: Bool = false
    ) throws(WorkspaceLockError) -> WorkspaceLock {
        let path = canonicalFolder(directory) + "/" + fileName
        let holder = WorkspaceLockHolder.current(commandLine: commandLine, encrypted: encrypted)
        try WorkspaceLockTable.shared.retain(path, directory: directory, holder: holder)
        return WorkspaceLock(path: path)
    }

    /// Who holds the workspace in `directory` by its lock file, without touching the lock;
    /// nil when nobody does (or the holder has not written its record yet).
    public static func holder(ofWorkspace directory: String) -> WorkspaceLockHolder? {
        WorkspaceLockFile.currentHolder(canonicalFolder(directory) + "/" + fileName, attempts: 1)
    }

    /// One path per folder however it is spelled (relative, `..`, symbolic links), so that the
    /// process's table sees the same workspace as the same lock.
    private static func canonicalFolder(_ directory: String) -> String {
        guard let resolved = realpath(directory, nil) else { return URL(fileURLWithPath: directory).standardized.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
