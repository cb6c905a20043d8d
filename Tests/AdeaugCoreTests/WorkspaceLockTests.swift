import AdeaugCore
import Foundation
import Testing

/// The one-writer lock within this process: its record, sharing by the holder, refusal of a
/// second holder (another open file description, which `flock` treats as another holder).
@Suite struct WorkspaceLockTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func lockFile(_ folder: URL) -> String { folder.appendingPathComponent(WorkspaceLock.fileName).path }

    /// `flock` on a descriptor of our own: a holder other than the process's table.
    func lockedElsewhere(_ folder: URL) throws -> Int32 {
        let descriptor = open(lockFile(folder), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        return descriptor
    }

    @Test func theHolderWritesWhoItIsAndClearsItOnRelease() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lock: WorkspaceLock? = try WorkspaceLock.acquire(
            directory: folder.path, commandLine: ["/usr/local/bin/adeaug", "generate", "--target", "30"])
        let holder = try #require(WorkspaceLock.holder(ofWorkspace: folder.path))
        #expect(holder.processID == getpid())
        #expect(holder.commandLine == ["adeaug", "generate", "--target", "30"])
        #expect(lock != nil)
        lock = nil
        #expect(WorkspaceLock.holder(ofWorkspace: folder.path) == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: lockFile(folder))).isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: lockFile(folder))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func anEncryptedWorkspaceRecordsOnlyTheCommand() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lock = try WorkspaceLock.acquire(
            directory: folder.path, commandLine: ["adeaug", "ingest", "--corpus", "/data/patients.csv"], encrypted: true)
        #expect(WorkspaceLock.holder(ofWorkspace: folder.path)?.commandLine == ["adeaug", "ingest"])
        withExtendedLifetime(lock) {}
    }

    @Test func theHoldingProcessSharesItsLockUntilTheLastRelease() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var first: WorkspaceLock? = try WorkspaceLock.acquire(directory: folder.path)
        // Another spelling of the same folder is the same lock.
        var second: WorkspaceLock? = try WorkspaceLock.acquire(directory: folder.path + "/./")
        #expect(first?.path == second?.path)
        first = nil
        let probe = open(lockFile(folder), O_RDWR | O_CLOEXEC)
        defer { close(probe) }
        #expect(flock(probe, LOCK_EX | LOCK_NB) != 0, "released while a holder remained")
        second = nil
        #expect(flock(probe, LOCK_EX | LOCK_NB) == 0, "not released after the last holder")
    }

    @Test func aSecondHolderIsRefusedWithTheFirstNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let descriptor = try lockedElsewhere(folder)
        let record = WorkspaceLockHolder(processID: getpid(), commandLine: ["adeaug", "generate", "--target", "30"])
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: lockFile(folder)))

        #expect(throws: WorkspaceLockError.held(directory: folder.path, holder: record)) {
            try WorkspaceLock.acquire(directory: folder.path)
        }
        let error = WorkspaceLockError.held(directory: folder.path, holder: record)
        #expect(error.description.contains("`adeaug generate --target 30` (process \(getpid())"))
        // A writer opening the workspace is refused before it creates anything.
        #expect(throws: WorkspaceLockError.self) { try Workspace(directory: folder.path, create: true) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(Workspace.databaseFileName).path))

        // Unlocked before closed: a child spawned meanwhile by another test may hold a copy.
        flock(descriptor, LOCK_UN)
        close(descriptor)
        let lock = try WorkspaceLock.acquire(directory: folder.path)
        #expect(WorkspaceLock.holder(ofWorkspace: folder.path)?.processID == getpid())
        withExtendedLifetime(lock) {}
    }

    @Test func aRecordLeftByADeadHolderIsNotNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let descriptor = try lockedElsewhere(folder)
        defer { close(descriptor) }
        // No process has this id (above the kernel's pid_max).
        let dead = WorkspaceLockHolder(processID: 99_999_999, commandLine: ["adeaug", "ingest"])
        try JSONEncoder().encode(dead).write(to: URL(fileURLWithPath: lockFile(folder)))
        #expect(throws: WorkspaceLockError.held(directory: folder.path, holder: nil)) {
            try WorkspaceLock.acquire(directory: folder.path)
        }
    }

    @Test func aNewWorkspaceThatCannotBeMadeLeavesNoFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new").path
        #expect(throws: WorkspaceEncryptionError.encryptNeedsKey) {
            try Workspace(location: WorkspaceLocation(directory: path, keys: nil, encrypt: true), create: true)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        // An existing folder keeps its lock file: another process may hold it open.
        let existing = try Workspace(directory: folder.path, create: true)
        #expect(existing.lock != nil)
        #expect(FileManager.default.fileExists(atPath: lockFile(folder)))
    }

    @Test func aReaderOpensWhileAWriterHoldsTheWorkspace() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ws").path
        try Workspace(directory: path, create: true).database.execute("CREATE TABLE notes(text TEXT)")
        let descriptor = try lockedElsewhere(folder.appendingPathComponent("ws"))
        defer { close(descriptor) }
        #expect(throws: WorkspaceLockError.self) { try Workspace(directory: path, create: false) }
        let reader = try Workspace(directory: path, create: false, access: .read)
        #expect(reader.lock == nil)
        #expect(try reader.database.prepare("SELECT COUNT(*) FROM notes").rows { $0.int(0) } == [0])
    }
}
