import Foundation

/// How commands write and read back the files they make: owner-only (0600 in 0700 folders),
/// whole or not at all, and sealed with the workspace's key (as `NAME.enc`) when the workspace
/// is encrypted, so that nothing leaves an encrypted workspace in clear.
public struct OutputFiles: Sendable {
    /// Nil: plain files.
    public let key: EncryptionKey?

    public init(key: EncryptionKey?) {
        self.key = key
    }

    /// The name a file gets on disk: `path`, or `path.enc` when sealed.
    public func diskPath(_ path: String) -> String {
        key == nil ? path : path + "." + EncryptedFile.fileExtension
    }

    /// The bytes a file gets on disk: `data`, or `data` sealed.
    public func diskBytes(_ data: Data) -> Data {
        key.map { EncryptedFile.seal(data, key: $0) } ?? data
    }

    /// Writes `data` atomically; returns the path written.
    @discardableResult
    public func write(_ data: Data, to path: String) throws -> String {
        let target = diskPath(path)
        try OwnerOnlyFile.writeAtomically(diskBytes(data), to: target)
        return target
    }

    @discardableResult
    public func write(_ text: String, to path: String) throws -> String {
        try write(Data(text.utf8), to: path)
    }

    /// Reads a file adeaug wrote: `path` as it is, or `path.enc` (or `path` itself when it
    /// is sealed) decrypted and checked with the key. With `sealedOnly`, a clear file is an
    /// error (`adeaug decrypt` on something that was never sealed).
    public func read(_ path: String, sealedOnly: Bool = false) throws -> Data {
        let fileManager = FileManager.default
        let sealedPath = path.hasSuffix("." + EncryptedFile.fileExtension) ? path : path + "." + EncryptedFile.fileExtension
        let chosen = fileManager.fileExists(atPath: path) ? path : sealedPath
        guard let data = fileManager.contents(atPath: chosen) else { throw OutputFilesError.unreadable(path: path) }
        guard EncryptedFile.isEncrypted(data) else {
            if sealedOnly { throw EncryptedFileError.notEncrypted(path: chosen) }
            return data
        }
        guard let key else { throw OutputFilesError.keyRequired(path: chosen) }
        return try EncryptedFile.open(data, key: key, path: chosen)
    }
}

public enum OutputFilesError: Error, CustomStringConvertible, Equatable {
    case keyRequired(path: String)
    case unreadable(path: String)

    public var description: String {
        switch self {
        case .keyRequired(let path):
            "\(path) is encrypted. Pass the workspace's key: --key-file PATH, $ADEAUG_KEY_FILE or $ADEAUG_KEY (or the --workspace whose KMS key wraps it)."
        case .unreadable(let path):
            "Cannot read \(path)\(path.hasSuffix("." + EncryptedFile.fileExtension) ? "" : " (nor \(path).\(EncryptedFile.fileExtension))"): no such file, or no permission."
        }
    }
}
