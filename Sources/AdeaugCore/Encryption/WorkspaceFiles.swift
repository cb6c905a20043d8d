import CAdeaugCrypto
import Foundation

/// Checks on a workspace's files made before SQLite opens them: an encrypted database must be
/// whole pages; a database without encryption.json must really be plain SQLite.
enum WorkspaceFiles {
    static func checkWholePages(_ path: String) throws {
        let size = fileSize(path)
        if size % Int(ADEAUG_PAGE_SIZE) != 0 { throw WorkspaceEncryptionError.truncated(path: path, bytes: size) }
    }

    static func checkPlain(_ path: String, directory: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw WorkspaceEncryptionError.sidecarMissing(directory: directory)
        }
    }

    static func fileSize(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    static func randomWorkspaceID() -> String {
        Hex.string(AEAD.randomBytes(Int(ADEAUG_FILE_ID_BYTES)))
    }
}
