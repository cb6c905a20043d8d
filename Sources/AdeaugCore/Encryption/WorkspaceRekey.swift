import CAdeaugCrypto
import Foundation

/// `adeaug rekey`: puts an encrypted workspace under a new key without losing data.
///
/// Crash safety, step by step (the workspace's lock keeps other writers out meanwhile):
/// 1. open with the old key, checkpoint the WAL into the database and close: every page is now
///    in workspace.sqlite, and the WAL is gone;
/// 2. encryption.json lists the old and the new key;
/// 3. every page is opened with the old key and sealed with the new one into
///    workspace.sqlite.rekey (fsynced);
/// 4. the copy is renamed over workspace.sqlite (atomic; the folder fsynced);
/// 5. encryption.json lists the new key only.
/// Killed before 4, the database is under the old key; after it, under the new one; in both
/// cases encryption.json names the key, page 1 tells which, and the next open settles it.
public enum WorkspaceRekey {
    public struct Result: Sendable {
        public var oldFingerprint: String
        public var newFingerprint: String
        public var pages: Int
    }

    static let copySuffix = ".rekey"

    /// Rekeys the workspace at `location` (opened with its current keys) to `newKeys`.
    @discardableResult
    public static func run(location: WorkspaceLocation, to newKeys: WorkspaceKeys) throws -> Result {
        let directory = URL(fileURLWithPath: location.directory, isDirectory: true)
        let databasePath = directory.appendingPathComponent(Workspace.databaseFileName).path
        _ = try requireEncrypted(location)
        // Held from the checkpoint to the last sidecar write: no other writer may add to the WAL
        // in between. The lock file is not the database, so the rename leaves it in place.
        let lock = try WorkspaceLock.acquire(directory: location.directory, encrypted: true)
        defer { withExtendedLifetime(lock) {} }
        let (oldKey, sidecar) = try checkpointAndClose(location: location, directory: directory)
        let walPath = databasePath + "-wal"
        if WorkspaceFiles.fileSize(walPath) > 0 { throw WorkspaceEncryptionError.inUse(directory: directory.path) }
        try WorkspaceFiles.checkWholePages(databasePath)

        let (newKey, newRecord, _) = try WorkspaceKeyResolver.newKey(newKeys)
        guard newKey.fingerprint != oldKey.fingerprint else { throw WorkspaceEncryptionError.sameKey }
        let oldRecord = sidecar.keys.first { $0.fingerprint == oldKey.fingerprint } ?? sidecar.keys[0]

        var during = sidecar
        during.keys = [oldRecord, newRecord]
        try during.write(in: directory)

        let copyPath = databasePath + copySuffix
        unlink(copyPath)
        var failedPage: Int64 = 0
        let rc = oldKey.withUnsafeBytes { old in
            newKey.withUnsafeBytes { new in
                adeaug_db_reencrypt(
                    old.bindMemory(to: UInt8.self).baseAddress, new.bindMemory(to: UInt8.self).baseAddress,
                    sidecar.workspaceIDBytes, databasePath, copyPath, &failedPage)
            }
        }
        guard rc == Int32(ADEAUG_FILE_OK) else {
            let reason = String(cString: strerror(errno))
            var back = sidecar
            back.keys = [oldRecord]
            try? back.write(in: directory)
            switch Int(rc) {
            case Int(ADEAUG_FILE_AUTH_FAILED):
                throw WorkspaceEncryptionError.rekeyFailed(reason: "page \(failedPage) of \(databasePath) failed authentication: the file was altered")
            case Int(ADEAUG_FILE_TRUNCATED):
                throw WorkspaceEncryptionError.truncated(path: databasePath, bytes: WorkspaceFiles.fileSize(databasePath))
            default:
                throw WorkspaceEncryptionError.rekeyFailed(reason: "writing \(copyPath): \(reason)")
            }
        }
        try DurableFile.rename(copyPath, over: databasePath)

        var after = sidecar
        after.keys = [newRecord]
        try after.write(in: directory)
        return Result(
            oldFingerprint: oldKey.fingerprint, newFingerprint: newKey.fingerprint,
            pages: WorkspaceFiles.fileSize(databasePath) / Int(ADEAUG_PAGE_SIZE))
    }

    /// Step 1, in its own scope so that the connection is closed (and the WAL removed) on return.
    /// The workspace's encryption.json; a missing workspace or a plain one (no key to rotate)
    /// is an error that says which.
    public static func requireEncrypted(_ location: WorkspaceLocation) throws -> EncryptionSidecar {
        let directory = URL(fileURLWithPath: location.directory, isDirectory: true)
        if let sidecar = try EncryptionSidecar.read(in: directory) { return sidecar }
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(Workspace.databaseFileName).path) else {
            throw WorkspaceError.missing(directory: directory.path)
        }
        throw WorkspaceEncryptionError.plainWorkspace(directory: directory.path)
    }

    private static func checkpointAndClose(location: WorkspaceLocation, directory: URL) throws -> (EncryptionKey, EncryptionSidecar) {
        let sidecar = try requireEncrypted(location)
        var opening = location
        opening.encrypt = false
        let workspace = try Workspace(location: opening, create: false)
        guard let key = workspace.encryptionKey else { throw WorkspaceEncryptionError.keyRequired(directory: directory.path) }
        let busy = try workspace.database.prepare("PRAGMA wal_checkpoint(TRUNCATE)").rows { $0.int(0) }.first ?? 1
        if busy != 0 { throw WorkspaceEncryptionError.inUse(directory: directory.path) }
        // Settling an interrupted rekey may have rewritten the sidecar.
        return (key, try EncryptionSidecar.read(in: directory) ?? sidecar)
    }

    /// After a crash during a rekey: keep the record of the key the database is under.
    static func settle(sidecar: EncryptionSidecar, keeping record: EncryptionSidecar.KeyRecord, directory: URL, databasePath: String) throws {
        unlink(databasePath + copySuffix)
        var settled = sidecar
        settled.keys = [record]
        try settled.write(in: directory)
    }
}
