import Foundation

/// Small files whose replacement must survive a crash in a known state (the encryption
/// sidecar, the database after a rekey): write aside, fsync, rename, fsync the folder.
enum DurableFile {
    static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".tmp"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw posixError(temporary) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced else {
            let error = posixError(temporary)
            unlink(temporary)
            throw error
        }
        try rename(temporary, over: path)
    }

    /// Renames and makes the rename durable.
    static func rename(_ source: String, over destination: String) throws {
        guard Foundation.rename(source, destination) == 0 else { throw posixError(destination) }
        syncFolder(of: destination)
    }

    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    static func posixError(_ path: String) -> Error {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: path])
    }
}
