import Foundation

/// Key files: one line of base64 (32 bytes), mode 0600. A key file anyone else can read is
/// refused, like ssh refuses a private key with loose permissions.
public enum KeyFile {
    /// The environment variable that may hold a key file's path.
    public static let pathVariable = "ADEAUG_KEY_FILE"
    /// The environment variable that may hold the key itself (base64).
    public static let keyVariable = "ADEAUG_KEY"

    public static func load(path: String) throws(EncryptionKeyError) -> EncryptionKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { throw .keyFileMissing(path: path) }
            throw .keyFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .keyFileUnreadable(path: path, reason: "not a regular file")
        }
        let mode = UInt16(status.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw .keyFileNotPrivate(path: path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFileUnreadable(path: path, reason: "permission denied")
        }
        do {
            return try EncryptionKey(base64: String(decoding: data, as: UTF8.self))
        } catch {
            throw .keyFileInvalid(path: path, reason: error.description)
        }
    }

    /// Reads the key from `ADEAUG_KEY` (base64) in `environment`, or nil when it is not set.
    public static func fromEnvironment(_ environment: [String: String]) throws(EncryptionKeyError) -> EncryptionKey? {
        guard let text = environment[keyVariable] else { return nil }
        do {
            return try EncryptionKey(base64: text)
        } catch {
            throw .environmentInvalid(variable: keyVariable, reason: error.description)
        }
    }

    /// Writes a new key file (mode 0600 from the start, never over an existing file).
    public static func write(_ key: EncryptionKey, to path: String) throws(EncryptionKeyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .keyFileExists(path: path) }
            throw .keyFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let bytes = Array((key.base64 + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw .keyFileUnreadable(path: path, reason: "write failed: \(String(cString: strerror(errno)))")
        }
    }
}
