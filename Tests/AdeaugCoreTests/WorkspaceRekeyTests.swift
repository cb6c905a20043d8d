import AdeaugCore
import Foundation
import Testing

@Suite struct WorkspaceRekeyTests {
    func sidecar(_ folder: URL) throws -> EncryptionSidecar {
        try JSONDecoder().decode(EncryptionSidecar.self, from: Data(EncryptedFixture.bytes(folder.appendingPathComponent(EncryptionSidecar.fileName).path)))
    }

    @Test func rekeyKeepsEveryRowAndRetiresTheOldKey() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = EncryptionKey.generate(), new = EncryptionKey.generate()
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, old, encrypt: true), create: true)
            try EncryptedFixture.fill(workspace, count: 1_200, perTransaction: 100)
        }
        let result = try WorkspaceRekey.run(location: EncryptedFixture.location(folder, old), to: .key(new, source: .env))
        #expect(result.oldFingerprint == old.fingerprint && result.newFingerprint == new.fingerprint)
        #expect(result.pages > 10)
        #expect(try sidecar(folder).keys.map(\.fingerprint) == [new.fingerprint])
        #expect(try sidecar(folder).keys.first?.source == .env)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("workspace.sqlite.rekey").path))

        #expect(throws: WorkspaceEncryptionError.wrongKey(directory: folder.path, expected: [new.fingerprint], given: old.fingerprint)) {
            try Workspace(location: EncryptedFixture.location(folder, old), create: false)
        }
        let workspace = try Workspace(location: EncryptedFixture.location(folder, new), create: false)
        #expect(try EncryptedFixture.count(workspace) == 1_200)
        #expect(try EncryptedFixture.integrity(workspace) == ["ok"])
        try EncryptedFixture.fill(workspace, count: 10)
        #expect(try EncryptedFixture.count(workspace) == 1_210)
        #expect(throws: WorkspaceEncryptionError.sameKey) {
            try WorkspaceRekey.run(location: EncryptedFixture.location(folder, new), to: .key(new, source: .file))
        }
    }

    /// A crash between listing both keys and switching the file: the old key opens it (and
    /// settles the rekey); the new key is told the rekey did not finish.
    @Test func aRekeyKilledBeforeTheSwitchLeavesTheOldKeyWorking() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = EncryptionKey.generate(), new = EncryptionKey.generate()
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, old, encrypt: true), create: true)
            try EncryptedFixture.fill(workspace, count: 300)
        }
        var during = try sidecar(folder)
        during.keys.append(EncryptionSidecar.KeyRecord(fingerprint: new.fingerprint, source: .file))
        let encoded = try JSONEncoder().encode(during)
        try encoded.write(to: folder.appendingPathComponent(EncryptionSidecar.fileName))
        try Data("half a copy".utf8).write(to: folder.appendingPathComponent("workspace.sqlite.rekey"))

        #expect(throws: WorkspaceEncryptionError.rekeyInterrupted(directory: folder.path, underFingerprint: old.fingerprint)) {
            try Workspace(location: EncryptedFixture.location(folder, new), create: false)
        }
        let workspace = try Workspace(location: EncryptedFixture.location(folder, old), create: false)
        #expect(try EncryptedFixture.count(workspace) == 300)
        #expect(try sidecar(folder).keys.map(\.fingerprint) == [old.fingerprint])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("workspace.sqlite.rekey").path))
    }

    /// A crash after the switch, before the sidecar dropped the old key: the new key opens it.
    @Test func aRekeyKilledAfterTheSwitchOpensWithTheNewKey() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = EncryptionKey.generate(), new = EncryptionKey.generate()
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, old, encrypt: true), create: true)
            try EncryptedFixture.fill(workspace, count: 300)
        }
        let before = try sidecar(folder)
        try WorkspaceRekey.run(location: EncryptedFixture.location(folder, old), to: .key(new, source: .file))
        var during = before
        during.keys.append(EncryptionSidecar.KeyRecord(fingerprint: new.fingerprint, source: .file))
        try JSONEncoder().encode(during).write(to: folder.appendingPathComponent(EncryptionSidecar.fileName))

        #expect(throws: WorkspaceEncryptionError.rekeyInterrupted(directory: folder.path, underFingerprint: new.fingerprint)) {
            try Workspace(location: EncryptedFixture.location(folder, old), create: false)
        }
        let workspace = try Workspace(location: EncryptedFixture.location(folder, new), create: false)
        #expect(try EncryptedFixture.count(workspace) == 300)
        #expect(try EncryptedFixture.integrity(workspace) == ["ok"])
        #expect(try sidecar(folder).keys.map(\.fingerprint) == [new.fingerprint])
    }

    @Test func rekeyToAnEnvelopeKeyStoresTheWrappedKey() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = EncryptionKey.generate()
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, old, encrypt: true), create: true)
            try EncryptedFixture.fill(workspace, count: 100)
        }
        let service = FakeKeyService()
        let envelope = EnvelopeKeys(masterKeyID: "alias/adeaug", region: "us-east-1") { _ in service }
        try WorkspaceRekey.run(location: EncryptedFixture.location(folder, old), to: .envelope(envelope))
        #expect(try sidecar(folder).keys.first?.wrappedKey != nil)
        let workspace = try Workspace(location: WorkspaceLocation(directory: folder.path, keys: .envelope(envelope)), create: false)
        #expect(try EncryptedFixture.count(workspace) == 100)
    }

    @Test func rekeyOfAnAlteredWorkspaceChangesNothing() throws {
        let folder = try EncryptedFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = EncryptionKey.generate()
        do {
            let workspace = try Workspace(location: EncryptedFixture.location(folder, old, encrypt: true), create: true)
            try EncryptedFixture.fill(workspace, count: 1_000, perTransaction: 1_000)
        }
        let database = folder.appendingPathComponent(Workspace.databaseFileName).path
        var bytes = EncryptedFixture.bytes(database)
        bytes[bytes.count - 2000] ^= 1
        try EncryptedFixture.write(bytes, to: database)
        let sidecarBefore = try sidecar(folder)
        #expect(throws: (any Error).self) {
            try WorkspaceRekey.run(location: EncryptedFixture.location(folder, old), to: .key(.generate(), source: .file))
        }
        #expect(EncryptedFixture.bytes(database) == bytes)
        #expect(try sidecar(folder) == sidecarBefore)
    }
}
