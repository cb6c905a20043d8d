import AdeaugCore
import Foundation
import Testing

@Suite struct EncryptedWorkspaceTests {
    @Test func roundTripsThroughManyTransactionsCheckpointsAndReopens() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = EncryptionKey.generate()
        let database = folder.appendingPathComponent(Workspace.databaseFileName).path
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, key, encrypt: true), create: true)
            #expect(workspace.encryptionKey?.fingerprint == key.fingerprint)
            #expect(try workspace.database.prepare("PRAGMA journal_mode").rows { $0.text(0) } == ["wal"])
            try EncryptedFixture.fill(workspace, count: 1_500, perTransaction: 7)
            // Mid-flight: the WAL holds committed pages, sealed too.
            let wal = EncryptedFixture.bytes(database + "-wal")
            #expect(wal.count > 100_000)
            #expect(!EncryptedFixture.contains(wal, "Zolpidemquartz"))
            _ = try workspace.database.prepare("PRAGMA wal_checkpoint(TRUNCATE)").rows { $0.int(0) }
            try EncryptedFixture.fill(workspace, count: 500, perTransaction: 50)
            #expect(try EncryptedFixture.count(workspace) == 2_000)
        }
        let raw = EncryptedFixture.bytes(database)
        #expect(raw.count > 200_000 && raw.count % 4096 == 0)
        #expect(!EncryptedFixture.contains(raw, "Zolpidemquartz"))
        #expect(!EncryptedFixture.contains(raw, "SQLite format 3"))
        #expect(!EncryptedFixture.contains(raw, "CREATE TABLE"))

        let reopened = try Workspace(location: EncryptedFixture.location(folder, key), create: false)
        #expect(try EncryptedFixture.count(reopened) == 2_000)
        #expect(try EncryptedFixture.integrity(reopened) == ["ok"])
        #expect(try reopened.database.prepare("PRAGMA page_size").rows { $0.int(0) } == [4096])
        #expect(reopened.database.vfs?.failure == nil)

        let sidecarPath = folder.appendingPathComponent(EncryptionSidecar.fileName).path
        let mode = try FileManager.default.attributesOfItem(atPath: sidecarPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let sidecar = try JSONDecoder().decode(EncryptionSidecar.self, from: Data(EncryptedFixture.bytes(sidecarPath)))
        #expect(sidecar.keys.map(\.fingerprint) == [key.fingerprint])
        #expect(sidecar.keys.first?.source == .file)
        #expect(!EncryptedFixture.contains(EncryptedFixture.bytes(sidecarPath), key.base64))
    }

    /// Sorting, indexing, statement journals and a rolled-back transaction all stay in memory
    /// or the WAL: the VFS never has to refuse a temporary or journal file.
    @Test func ordinaryWorkNeverAsksForAFileTheVFSRefuses() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try Workspace(location: EncryptedFixture.location(folder, .generate(), encrypt: true), create: true)
        try EncryptedFixture.fill(workspace, count: 3_000, perTransaction: 3_000)
        let db = workspace.database
        try db.execute("CREATE INDEX notes_by_text ON notes(text)")
        _ = try db.prepare("SELECT text FROM notes ORDER BY substr(text, 20), length(text) DESC").rows { $0.text(0) }
        _ = try db.prepare("SELECT DISTINCT lower(text) FROM notes GROUP BY id % 17").rows { $0.text(0) }
        try db.execute("CREATE TEMP TABLE scratch AS SELECT * FROM notes")
        try db.execute("CREATE TABLE unique_notes(text TEXT UNIQUE)")
        try db.execute("INSERT INTO unique_notes SELECT text FROM notes")
        // A multi-row statement that fails half-way rolls back through a statement journal.
        #expect(throws: (any Error).self) { try db.execute("UPDATE unique_notes SET text = 'same' WHERE rowid > 10") }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("DELETE FROM notes WHERE id % 2 = 0")
                throw Boom()
            }
        }
        #expect(try EncryptedFixture.count(workspace) == 3_000)
        #expect(db.vfs?.failure == nil)
        #expect(try EncryptedFixture.integrity(workspace) == ["ok"])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["encryption.json", "workspace.lock", "workspace.sqlite", "workspace.sqlite-shm", "workspace.sqlite-wal"])
    }

    @Test func twoKeysInOneProcessStayApart() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Workspace(location: EncryptedFixture.location(folder.appendingPathComponent("a"), .generate(), encrypt: true), create: true)
        let second = try Workspace(location: EncryptedFixture.location(folder.appendingPathComponent("b"), .generate(), encrypt: true), create: true)
        try EncryptedFixture.fill(first, count: 100)
        try EncryptedFixture.fill(second, count: 50)
        #expect(first.database.vfs?.name != second.database.vfs?.name)
        #expect(try EncryptedFixture.count(first) == 100)
        #expect(try EncryptedFixture.count(second) == 50)
    }

    @Test func envelopeKeysStoreOnlyTheWrappedKey() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let service = FakeKeyService()
        let envelope = EnvelopeKeys(masterKeyID: "arn:aws:kms:eu-west-1:111122223333:key/test", region: "eu-west-1") { region in
            #expect(region == "eu-west-1")
            return service
        }
        var fingerprint = ""
        do {
            let workspace = try Workspace(
                location: WorkspaceLocation(directory: folder.path, keys: .envelope(envelope), encrypt: true), create: true)
            fingerprint = workspace.encryptionKey?.fingerprint ?? ""
            try EncryptedFixture.fill(workspace, count: 20)
        }
        let sidecar = try JSONDecoder().decode(
            EncryptionSidecar.self, from: Data(EncryptedFixture.bytes(folder.appendingPathComponent(EncryptionSidecar.fileName).path)))
        #expect(sidecar.keys.first?.source == .kms)
        #expect(sidecar.keys.first?.kmsKeyID == envelope.masterKeyID)
        #expect(sidecar.keys.first?.region == "eu-west-1")
        #expect(sidecar.keys.first?.wrappedKey != nil)
        #expect(sidecar.keys.first?.fingerprint == fingerprint)
        // Opening needs only KMS access: the key id and region come from encryption.json.
        let reopen = EnvelopeKeys(masterKeyID: nil, region: nil) { _ in service }
        let workspace = try Workspace(location: WorkspaceLocation(directory: folder.path, keys: .envelope(reopen)), create: false)
        #expect(try EncryptedFixture.count(workspace) == 20)
        #expect(service.unwrapCount == 1)
        // Both KMS calls left the machine and are in the audit trail: the key id, no key material.
        let kms = try AuditTrail(workspace: workspace).entries().filter { $0.service == "kms" }
        #expect(kms.map(\.event) == [.sent, .answered, .sent, .answered])
        #expect(kms.map(\.reference) == [
            "kms:GenerateDataKey \(envelope.masterKeyID!)", "kms:GenerateDataKey \(envelope.masterKeyID!)",
            "kms:Decrypt \(envelope.masterKeyID!)", "kms:Decrypt \(envelope.masterKeyID!)",
        ])
        #expect(kms.allSatisfy { $0.prompt == nil && $0.promptSHA256 == nil })
    }
}

/// The one place a failed tag is not an error: the page of a WAL frame that SQLite reads during
/// recovery, as after a crash that tore the last write. The WAL ends before that frame.
@Suite struct EncryptedWALRecoveryTests {
    @Test func aTornLastFrameEndsTheWALAtTheLastWholeCommit() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = EncryptionKey.generate()
        let crashed = folder.appendingPathComponent("crashed")
        try FileManager.default.createDirectory(at: crashed, withIntermediateDirectories: true)
        let live = folder.appendingPathComponent("live")
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(live, key, encrypt: true), create: true)
            try EncryptedFixture.fill(workspace, count: 100, perTransaction: 100)
            _ = try workspace.database.prepare("PRAGMA wal_checkpoint(TRUNCATE)").rows { $0.int(0) }
            try EncryptedFixture.fill(workspace, count: 50, perTransaction: 50)
            try EncryptedFixture.fill(workspace, count: 50, perTransaction: 50)
            // The files as a crash would leave them (no -shm: SQLite recovers the WAL).
            for name in [Workspace.databaseFileName, Workspace.databaseFileName + "-wal", EncryptionSidecar.fileName] {
                try FileManager.default.copyItem(at: live.appendingPathComponent(name), to: crashed.appendingPathComponent(name))
            }
        }
        let walPath = crashed.appendingPathComponent(Workspace.databaseFileName + "-wal").path
        var wal = EncryptedFixture.bytes(walPath)
        #expect((wal.count - 32) % 4120 == 0)
        wal[wal.count - 2000] ^= 0x01  // inside the page of the last frame: the commit of the last 50
        try EncryptedFixture.write(wal, to: walPath)

        let workspace = try Workspace(location: EncryptedFixture.location(crashed, key), create: false)
        #expect(try EncryptedFixture.count(workspace) == 150)
        #expect(try EncryptedFixture.integrity(workspace) == ["ok"])
        #expect(workspace.database.vfs?.failure == nil)
    }
}
