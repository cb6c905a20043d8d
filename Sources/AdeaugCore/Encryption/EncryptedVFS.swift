import CAdeaugCrypto
import Foundation

/// One registered instance of the encrypting SQLite VFS (`encrypted_vfs.c`): a copy of the
/// workspace key and the workspace id, under a unique name. The connection that uses it holds
/// it, so it is unregistered (and its key zeroed) only after that connection has closed.
public final class EncryptedVFS: @unchecked Sendable {
    // Set once in init; the C side guards its own mutable state (the failure record).
    private let pointer: OpaquePointer
    /// The name to open a database with.
    public let name: String
    /// The database file, for errors that name it.
    let databaseName: String

    public init(key: EncryptionKey, workspaceID: [UInt8], databaseName: String) throws {
        precondition(workspaceID.count == Int(ADEAUG_FILE_ID_BYTES))
        guard let created = key.withUnsafeBytes({ adeaug_vfs_create($0.bindMemory(to: UInt8.self).baseAddress, workspaceID) }) else {
            throw SQLiteError(code: 7, message: "cannot register the encrypting SQLite VFS", context: databaseName)
        }
        pointer = created
        name = String(cString: adeaug_vfs_name(created))
        self.databaseName = databaseName
    }

    deinit {
        adeaug_vfs_destroy(pointer)
    }

    /// What the VFS last refused, in words that name the page; nil when it refused nothing.
    public var failure: String? {
        var place: Int64 = 0
        let kind = adeaug_vfs_last_failure(pointer, &place)
        switch Int(kind) {
        case Int(ADEAUG_FAILURE_MAIN_PAGE):
            return "page \(place) of \(databaseName) failed authentication: wrong key or the file was altered"
        case Int(ADEAUG_FAILURE_MAIN_SHORT):
            return "\(databaseName) ends inside page \(place): the file was truncated"
        case Int(ADEAUG_FAILURE_WAL_FRAME):
            return "frame \(place) of \(databaseName)-wal failed authentication: the file was altered"
        case Int(ADEAUG_FAILURE_LAYOUT):
            return "page \(place) of \(databaseName) does not have the encrypted layout (4096-byte pages, 28 reserved bytes); refusing to write it"
        case Int(ADEAUG_FAILURE_REFUSED):
            return "SQLite asked for a temporary or journal file (open flags \(String(place, radix: 16))), which an encrypted workspace never writes in clear"
        default:
            return nil
        }
    }

    func clearFailure() { adeaug_vfs_clear_failure(pointer) }
}
