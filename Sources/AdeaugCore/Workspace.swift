import CAdeaugCrypto
import Foundation

/// A run's home: one folder holding one SQLite database (`workspace.sqlite`, WAL mode) with the
/// corpus, the split and everything later stages make, each row tied to the run that made it.
///
/// Each stage owns its tables and declares them as a `WorkspaceSchema`; the workspace only
/// keeps the version of each and applies what is missing, inside a transaction.
public final class Workspace {
    public static let databaseFileName = "workspace.sqlite"

    public let directory: URL
    public let database: Database
    /// The workspace's data key when it is encrypted (nil when plain): what encrypts the files
    /// commands write from it.
    public let encryptionKey: EncryptionKey?
    /// How it was opened (its folder and keys), for opening it again or a sibling.
    public let location: WorkspaceLocation
    /// This process's hold on the workspace while it is open for writing; nil for a reader.
    public let lock: WorkspaceLock?

    /// Opens a plain workspace in `directory` (an encrypted one is refused: it needs a key).
    public convenience init(directory: String, create: Bool, access: WorkspaceAccess = .write) throws {
        try self.init(location: WorkspaceLocation(directory: directory), create: create, access: access)
    }

    /// Opens the workspace at `location`. With `create`, makes the folder (owner-only) and an
    /// empty database when they are missing, encrypted when `location.encrypt` says so; without
    /// it, a missing workspace is an error that says which command makes one. An encrypted
    /// workspace (it has an encryption.json) opens only with its key, checked before SQLite
    /// reads anything. A writer (the default) first takes the workspace's lock, so a second
    /// writer is refused before it writes anything or sends a request (`WorkspaceLockError`);
    /// `.read` takes nothing and works while a writer runs.
    public convenience init(location: WorkspaceLocation, create: Bool, access: WorkspaceAccess = .write) throws {
        let url = URL(fileURLWithPath: location.directory, isDirectory: true)
        let fileManager = FileManager.default
        if !create && !fileManager.fileExists(atPath: url.appendingPathComponent(Self.databaseFileName).path) {
            throw WorkspaceError.missing(directory: url.path)
        }
        guard access == .write else {
            try self.init(opening: location, create: create, lock: nil)
            return
        }
        // The lock file lives in the folder: a new workspace's folder comes first.
        let newFolder = !fileManager.fileExists(atPath: url.path)
        try fileManager.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encrypted = location.encrypt || fileManager.fileExists(atPath: url.appendingPathComponent(EncryptionSidecar.fileName).path)
        let lock = try WorkspaceLock.acquire(directory: url.path, encrypted: encrypted)
        do {
            try self.init(opening: location, create: create, lock: lock)
        } catch {
            // A new workspace that could not be made (no key, say) leaves no folder behind.
            if newFolder { Self.removeIfOnlyTheLock(url) }
            throw error
        }
    }

    private init(opening location: WorkspaceLocation, create: Bool, lock: WorkspaceLock?) throws {
        let url = URL(fileURLWithPath: location.directory, isDirectory: true)
        let fileURL = url.appendingPathComponent(Self.databaseFileName)
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: fileURL.path)
        if !exists && !create { throw WorkspaceError.missing(directory: url.path) }
        var sidecar = try EncryptionSidecar.read(in: url)
        var key: EncryptionKey?
        var keyServiceCalls: [KeyServiceCall] = []
        if let found = sidecar {
            guard let keys = location.keys else { throw WorkspaceEncryptionError.keyRequired(directory: url.path) }
            (key, keyServiceCalls) = try WorkspaceKeyResolver.open(keys, sidecar: found, directory: url, databasePath: fileURL.path)
            sidecar = try EncryptionSidecar.read(in: url)  // an interrupted rekey may just have been settled
            if exists { try WorkspaceFiles.checkWholePages(fileURL.path) }
        } else if exists {
            if location.encrypt { throw WorkspaceEncryptionError.plainWorkspace(directory: url.path) }
            try WorkspaceFiles.checkPlain(fileURL.path, directory: url.path)
        } else if location.encrypt {
            guard let keys = location.keys else { throw WorkspaceEncryptionError.encryptNeedsKey }
            let (newKey, record, calls) = try WorkspaceKeyResolver.newKey(keys)
            keyServiceCalls = calls
            try fileManager.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // The sidecar first: a crash before the database exists leaves an encrypted
            // workspace to be created, never a plain one.
            let created = EncryptionSidecar(workspaceID: WorkspaceFiles.randomWorkspaceID(), keys: [record])
            try created.write(in: url)
            sidecar = created
            key = newKey
        }
        if !exists {
            try fileManager.createDirectory(
                at: url, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            // Create the file ourselves so that it (and the -wal/-shm files SQLite derives
            // from it) is readable by the owner only.
            guard fileManager.createFile(
                atPath: fileURL.path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw WorkspaceError.cannotCreate(path: fileURL.path) }
        }
        self.directory = url
        self.location = location
        self.encryptionKey = key
        self.lock = lock
        if let key, let sidecar {
            let vfs = try EncryptedVFS(key: key, workspaceID: sidecar.workspaceIDBytes, databaseName: fileURL.path)
            self.database = try Database(path: fileURL.path, create: false, vfs: vfs)
            // Before anything is written: 4096-byte pages with 28 bytes reserved for each page's
            // nonce and tag (ignored by SQLite once the database has pages), and temporary
            // tables, indices and statement journals in memory, never in clear files.
            try database.execute("PRAGMA page_size=4096")
            try database.setReservedBytes(Int32(ADEAUG_PAGE_RESERVE))
            try database.execute("PRAGMA temp_store=MEMORY")
            // Switching a new database to WAL writes its first page through a rollback journal,
            // a file the VFS refuses: keep that one journal in memory (nothing to lose yet).
            if WorkspaceFiles.fileSize(fileURL.path) == 0 { try database.execute("PRAGMA journal_mode=MEMORY") }
        } else {
            self.database = try Database(path: fileURL.path, create: false)
        }
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL")
        try migrate(CoreSchema.schema)
        try recordKeyServiceCalls(keyServiceCalls)
    }

    private static func removeIfOnlyTheLock(_ folder: URL) {
        guard (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) == [WorkspaceLock.fileName] else { return }
        unlink(folder.appendingPathComponent(WorkspaceLock.fileName).path)
        rmdir(folder.path)
    }

    /// Brings one component's tables up to date. Migrations are append-only: version N is
    /// `migrations[N-1]`, and a database newer than this build is refused rather than misread.
    public func migrate(_ schema: WorkspaceSchema) throws {
        // Already current: nothing to write, so no write transaction (readers such as array
        // tasks open the workspace side by side and should not queue on its write lock).
        if try currentVersion(of: schema.component) == schema.migrations.count { return }
        try database.execute(
            "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        try database.transaction {
            let current = try database.prepare("SELECT version FROM schema_versions WHERE component = ?")
                .rows(.text(schema.component)) { $0.int(0) }.first ?? 0
            guard current <= schema.migrations.count else {
                throw WorkspaceError.newerSchema(
                    component: schema.component, found: current, supported: schema.migrations.count)
            }
            for migration in schema.migrations.dropFirst(current) {
                try database.execute(migration)
            }
            if current < schema.migrations.count {
                try database.prepare(
                    "INSERT INTO schema_versions(component, version) VALUES(?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version"
                ).run(.text(schema.component), .int(schema.migrations.count))
            }
        }
    }

    /// The version of `component`'s tables, nil before the first migration of any component.
    private func currentVersion(of component: String) throws -> Int? {
        let table = try database.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'").rows { $0.int(0) }
        guard table.first == 1 else { return nil }
        return try database.prepare("SELECT version FROM schema_versions WHERE component = ?").rows(.text(component)) { $0.int(0) }.first ?? 0
    }

    /// Records the start of a command; rows it writes point back here for provenance.
    /// Call inside the command's transaction so that a failed command leaves no trace.
    public func recordRun(command: String, arguments: [String]) throws -> Int64 {
        let json = String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self)
        try database.prepare(
            "INSERT INTO runs(command, arguments, started_at, tool_version) VALUES(?, ?, ?, ?)"
        ).run(.text(command), .text(json), .text(Timestamp.now()), .text(AdeaugVersion.current))
        return database.lastInsertRowID
    }
}

/// Tables of one component, as an ordered list of migrations.
public struct WorkspaceSchema: Sendable {
    public var component: String
    public var migrations: [String]

    public init(component: String, migrations: [String]) {
        self.component = component
        self.migrations = migrations
    }
}

public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case missing(directory: String)
    case cannotCreate(path: String)
    case newerSchema(component: String, found: Int, supported: Int)
    case noCorpus(directory: String)

    public var description: String {
        switch self {
        case .missing(let directory):
            "No workspace at \(directory). Run `adeaug ingest --workspace \(directory)` first."
        case .cannotCreate(let path):
            "Cannot create the workspace database at \(path)."
        case .newerSchema(let component, let found, let supported):
            "The workspace's \(component) tables are at version \(found), newer than this adeaug supports (\(supported)). Upgrade adeaug."
        case .noCorpus(let directory):
            "The workspace at \(directory) holds no corpus. Run `adeaug ingest --workspace \(directory)` first."
        }
    }
}

/// ISO 8601 timestamps in UTC, as stored in the workspace.
public enum Timestamp {
    public static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

public enum AdeaugVersion {
    public static let current = "0.1.0"
}
