import AdeaugCore
import Foundation
import Testing

/// Wrong key, missing key, altered and truncated files: a clear error, nothing overwritten.
@Suite struct EncryptedWorkspaceErrorTests {
    /// A closed encrypted workspace holding 2,000 notes, its folder and key.
    func makeWorkspace() throws -> (folder: URL, key: EncryptionKey, database: String) {
        let folder = try EncryptedFixture.folder()
        let key = EncryptionKey.generate()
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, key, encrypt: true), create: true)
            try EncryptedFixture.fill(workspace, count: 2_000, perTransaction: 500)
        }
        return (folder, key, folder.appendingPathComponent(Workspace.databaseFileName).path)
    }

    @Test func missingKeyIsRefusedAndSaysHowToPassOne() throws {
        let (folder, _, database) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = EncryptedFixture.bytes(database)
        #expect(throws: WorkspaceEncryptionError.keyRequired(directory: folder.path)) {
            try Workspace(directory: folder.path, create: true)
        }
        #expect(WorkspaceEncryptionError.keyRequired(directory: "ws").description.contains("--key-file or set ADEAUG_KEY_FILE/ADEAUG_KEY"))
        #expect(EncryptedFixture.bytes(database) == before)
    }

    @Test func wrongKeyIsRefusedBeforeSQLiteReadsAnything() throws {
        let (folder, key, database) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = EncryptedFixture.bytes(database)
        let wrong = EncryptionKey.generate()
        #expect(throws: WorkspaceEncryptionError.wrongKey(directory: folder.path, expected: [key.fingerprint], given: wrong.fingerprint)) {
            try Workspace(location: EncryptedFixture.location(folder, wrong), create: true)
        }
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        #expect(EncryptedFixture.bytes(database) == before)
    }

    @Test func plainWorkspaceWithEncryptIsRefused() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        do { _ = try Workspace(directory: folder.path, create: true) }
        #expect(throws: WorkspaceEncryptionError.plainWorkspace(directory: folder.path)) {
            try Workspace(location: EncryptedFixture.location(folder, .generate(), encrypt: true), create: true)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(EncryptionSidecar.fileName).path))
        #expect(throws: WorkspaceEncryptionError.encryptNeedsKey) {
            try Workspace(location: WorkspaceLocation(directory: folder.path + "/new", encrypt: true), create: true)
        }
    }

    @Test func encryptedDatabaseWithoutItsSidecarIsNotMistakenForPlain() throws {
        let (folder, _, database) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent(EncryptionSidecar.fileName))
        let before = EncryptedFixture.bytes(database)
        #expect(throws: WorkspaceEncryptionError.sidecarMissing(directory: folder.path)) {
            try Workspace(directory: folder.path, create: true)
        }
        #expect(EncryptedFixture.bytes(database) == before)
    }

    @Test func aFlippedByteNamesItsPage() throws {
        let (folder, key, database) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = EncryptedFixture.bytes(database)
        let offset = bytes.count / 2 + 1234
        let page = offset / 4096 + 1
        bytes[offset] ^= 0x20
        try EncryptedFixture.write(bytes, to: database)
        let error = #expect(throws: SQLiteError.self) {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, key), create: false)
            _ = try EncryptedFixture.readAll(workspace)
        }
        #expect(error?.description.contains("Page \(page) of \(database) failed authentication: wrong key or the file was altered") == true,
                "\(String(describing: error))")
        #expect(EncryptedFixture.bytes(database) == bytes)
    }

    @Test func swappedPagesAreDetected() throws {
        let (folder, key, database) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = EncryptedFixture.bytes(database)
        let a = bytes.count / 4096 / 2, b = a + 3  // 1-based page numbers inside the notes table
        let pageA = Array(bytes[(a - 1) * 4096..<a * 4096])
        bytes.replaceSubrange((a - 1) * 4096..<a * 4096, with: bytes[(b - 1) * 4096..<b * 4096])
        bytes.replaceSubrange((b - 1) * 4096..<b * 4096, with: pageA)
        try EncryptedFixture.write(bytes, to: database)
        let error = #expect(throws: SQLiteError.self) {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, key), create: false)
            _ = try EncryptedFixture.readAll(workspace)
        }
        #expect(error?.description.contains("Page \(a) of") == true || error?.description.contains("Page \(b) of") == true,
                "\(String(describing: error))")
        #expect(EncryptedFixture.bytes(database) == bytes)
    }

    @Test func aTruncatedFileIsReported() throws {
        let (folder, key, database) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = EncryptedFixture.bytes(database)
        let cut = Array(bytes.prefix(bytes.count / 2 + 100))
        try EncryptedFixture.write(cut, to: database)
        #expect(throws: WorkspaceEncryptionError.truncated(path: database, bytes: cut.count)) {
            try Workspace(location: EncryptedFixture.location(folder, key), create: false)
        }
        #expect(EncryptedFixture.bytes(database) == cut)

        // Cut at a page boundary: SQLite finds pages missing when it reads them.
        let whole = Array(bytes.prefix((bytes.count / 4096 / 2) * 4096))
        try EncryptedFixture.write(whole, to: database)
        #expect(throws: SQLiteError.self) {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, key), create: false)
            _ = try EncryptedFixture.readAll(workspace)
        }
        #expect(EncryptedFixture.bytes(database) == whole)
    }
}
