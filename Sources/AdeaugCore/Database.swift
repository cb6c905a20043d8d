import CSQLite
import Foundation

/// A connection to one SQLite database file.
///
/// A thin wrapper over SQLite's C API rather than GRDB: the workspace needs exactly
/// prepared statements and transactions, and owning the `sqlite3*` keeps the door open for
/// a custom VFS (page-level encryption) without fighting a library's connection handling.
/// Whoever opens a `Database` owns it; it closes when the last reference goes.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    /// The encrypting VFS this connection goes through (nil: SQLite's default). Held so that it
    /// stays registered until the connection has closed.
    public let vfs: EncryptedVFS?

    /// Opens (creating when asked) the database at `path`, through `vfs` when given.
    public init(path: String, create: Bool = true, vfs: EncryptedVFS? = nil) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, vfs?.name)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, context: path, explanation: vfs?.failure)
        }
        handle = db
        self.path = path
        self.vfs = vfs
        sqlite3_extended_result_codes(db, 1)
        // Another adeaug process may hold the write lock briefly (WAL checkpoint, a report).
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw error(code: rc, message: message, context: sql.prefix(80).description)
        }
    }

    /// Prepares a statement for repeated use.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; any thrown error rolls everything back,
    /// and a process killed in between leaves the database as it was before `BEGIN`.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Number of rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The value of `PRAGMA user_version` or another integer pragma.
    public func integerPragma(_ name: String) throws -> Int {
        let statement = try prepare("PRAGMA \(name)")
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// An error for `code`; through an encrypting VFS, a failed page is named in words.
    func error(code: Int32, message: String? = nil, context: String) -> SQLiteError {
        var explanation: String?
        if let vfs, let failure = vfs.failure {
            // Only I/O errors and corruption can come from the VFS refusing a page.
            let primary = code & 0xff
            if primary == SQLITE_IOERR || primary == SQLITE_CORRUPT || primary == SQLITE_CANTOPEN { explanation = failure }
            vfs.clearFailure()
        }
        return SQLiteError(code: code, message: message ?? lastErrorMessage, context: context, explanation: explanation)
    }

    /// Sets the bytes SQLite leaves free at the end of every page (a new, empty database only):
    /// the encrypting VFS keeps each page's nonce and tag there.
    func setReservedBytes(_ count: Int32) throws {
        var value = count
        let rc = sqlite3_file_control(handle, "main", SQLITE_FCNTL_RESERVE_BYTES, &value)
        guard rc == SQLITE_OK else { throw error(code: rc, context: "reserve bytes") }
    }
}
