import CAdeaugCrypto
import Foundation

/// `encryption.json` beside an encrypted `workspace.sqlite` (mode 0600): that the workspace is
/// encrypted, how, and which key opens it, by fingerprint (never the key; for KMS the wrapped
/// key only). It is what tells an encrypted workspace apart, so later commands need the key
/// and not `--encrypt`, and what lets a wrong key be refused before SQLite reads a byte.
public struct EncryptionSidecar: Codable, Sendable, Equatable {
    public static let fileName = "encryption.json"
    public static let currentVersion = 1

    public var version = currentVersion
    public var cipher = "AES-256-GCM"
    public var layout = PageLayout()
    /// 16 random bytes (hex) in every page's authenticated data: a page copied in from another
    /// workspace under the same key fails like an altered one.
    public var workspaceID: String
    /// The key the database is under. Two entries only while `rekey` runs (old, then new): a
    /// crash then leaves a workspace that opens with either (the one page 1 opens under).
    public var keys: [KeyRecord]

    public struct PageLayout: Codable, Sendable, Equatable {
        public var pageSize = Int(ADEAUG_PAGE_SIZE)
        public var reservedBytes = Int(ADEAUG_PAGE_RESERVE)
        public var nonceBytes = Int(ADEAUG_NONCE_BYTES)
        public var tagBytes = Int(ADEAUG_TAG_BYTES)
        public var authenticatedData = "workspace id, file kind, page number (database) or offset (WAL)"
    }

    public struct KeyRecord: Codable, Sendable, Equatable {
        public var fingerprint: String
        public var source: KeySource
        public var kmsKeyID: String?
        public var region: String?
        /// The data key wrapped by KMS, base64.
        public var wrappedKey: String?

        public init(fingerprint: String, source: KeySource, kmsKeyID: String? = nil, region: String? = nil, wrappedKey: String? = nil) {
            self.fingerprint = fingerprint
            self.source = source
            self.kmsKeyID = kmsKeyID
            self.region = region
            self.wrappedKey = wrappedKey
        }
    }

    public var workspaceIDBytes: [UInt8] {
        var bytes: [UInt8] = []
        var index = workspaceID.startIndex
        while index < workspaceID.endIndex {
            let next = workspaceID.index(index, offsetBy: 2, limitedBy: workspaceID.endIndex) ?? workspaceID.endIndex
            bytes.append(UInt8(workspaceID[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    static func path(in directory: URL) -> String { directory.appendingPathComponent(fileName).path }

    public static func read(in directory: URL) throws -> EncryptionSidecar? {
        let path = path(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkspaceEncryptionError.sidecarInvalid(path: path, reason: "unreadable")
        }
        let sidecar: EncryptionSidecar
        do {
            sidecar = try JSONDecoder().decode(EncryptionSidecar.self, from: data)
        } catch {
            throw WorkspaceEncryptionError.sidecarInvalid(path: path, reason: "not the expected JSON")
        }
        guard sidecar.version <= currentVersion else {
            throw WorkspaceEncryptionError.sidecarInvalid(path: path, reason: "version \(sidecar.version) is newer than this adeaug")
        }
        guard sidecar.layout == PageLayout(), sidecar.cipher == "AES-256-GCM", sidecar.workspaceIDBytes.count == Int(ADEAUG_FILE_ID_BYTES),
            !sidecar.keys.isEmpty
        else {
            throw WorkspaceEncryptionError.sidecarInvalid(path: path, reason: "a cipher or page layout this adeaug does not use")
        }
        return sidecar
    }

    /// Replaces the file atomically (temporary file, fsync, rename, fsync of the folder).
    func write(in directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try DurableFile.replace(Self.path(in: directory), with: try encoder.encode(self))
    }
}
