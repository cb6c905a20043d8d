import AdeaugCore
import Foundation

/// Helpers for the encrypted-workspace tests: a folder, a workspace with a table of notes,
/// raw file surgery.
enum EncryptedFixture {
    static let sentence = "Zolpidemquartz caused a purple-lattice rash in patient 4417"

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-enc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func location(_ directory: URL, _ key: EncryptionKey, encrypt: Bool = false) -> WorkspaceLocation {
        WorkspaceLocation(directory: directory.path, keys: .key(key, source: .file), encrypt: encrypt)
    }

    /// Inserts `count` rows of notes, `perTransaction` per transaction.
    static func fill(_ workspace: Workspace, count: Int, perTransaction: Int = 10) throws {
        try workspace.database.execute("CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        var index = 0
        while index < count {
            try workspace.database.transaction {
                let insert = try workspace.database.prepare("INSERT INTO notes(text) VALUES(?)")
                for _ in 0..<min(perTransaction, count - index) {
                    try insert.run(.text("\(sentence) (note \(index)) " + String(repeating: "padding ", count: index % 40)))
                    index += 1
                }
            }
        }
    }

    static func count(_ workspace: Workspace) throws -> Int {
        try workspace.database.prepare("SELECT count(*) FROM notes").rows { $0.int(0) }.first ?? -1
    }

    /// Reads every row (so that every page is read).
    static func readAll(_ workspace: Workspace) throws -> Int {
        try workspace.database.prepare("SELECT text FROM notes").rows { $0.text(0) }.count
    }

    static func integrity(_ workspace: Workspace) throws -> [String] {
        try workspace.database.prepare("PRAGMA integrity_check").rows { $0.text(0) }
    }

    static func bytes(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map(Array.init) ?? []
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard haystack.count >= pattern.count else { return false }
        for start in 0...(haystack.count - pattern.count) where haystack[start] == pattern[0] {
            if Array(haystack[start..<start + pattern.count]) == pattern { return true }
        }
        return false
    }
}

/// A stand-in for AWS KMS: wraps data keys under a master key it keeps.
final class FakeKeyService: EnvelopeKeyService, @unchecked Sendable {
    let master = EncryptionKey.generate()
    private(set) var unwrapCount = 0

    func generateDataKey(masterKeyID: String) throws -> (key: EncryptionKey, wrapped: [UInt8]) {
        let key = EncryptionKey.generate()
        let nonce = AEAD.randomBytes(AEAD.nonceByteCount)
        let raw = key.withUnsafeBytes { Array($0) }
        return (key, nonce + AEAD.seal(raw, key: master, nonce: nonce, aad: Array(masterKeyID.utf8)))
    }

    func unwrap(_ wrapped: [UInt8], masterKeyID: String) throws -> EncryptionKey {
        unwrapCount += 1
        let nonce = Array(wrapped.prefix(AEAD.nonceByteCount))
        guard let raw = AEAD.open(Array(wrapped.dropFirst(AEAD.nonceByteCount)), key: master, nonce: nonce, aad: Array(masterKeyID.utf8)) else {
            throw WorkspaceEncryptionError.kmsKeyMismatch(directory: "fake")
        }
        return try EncryptionKey(bytes: raw)
    }
}
