import AdeaugCore
import Foundation
import Testing

@Suite struct WorkspaceTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func createsAnOwnerOnlyWALDatabase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ws").path
        let workspace = try Workspace(directory: path, create: true)
        let mode = try workspace.database.prepare("PRAGMA journal_mode").rows { $0.text(0) }
        #expect(mode == ["wal"])
        let fileMode = try FileManager.default.attributesOfItem(atPath: path + "/workspace.sqlite")[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
    }

    @Test func missingWorkspaceIsAnErrorWithoutCreate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("none").path
        #expect(throws: WorkspaceError.missing(directory: path)) { try Workspace(directory: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aThrowingTransactionLeavesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try Workspace(directory: folder.path, create: true)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try workspace.database.transaction {
                _ = try workspace.recordRun(command: "test", arguments: [])
                throw Boom()
            }
        }
        #expect(try workspace.database.prepare("SELECT count(*) FROM runs").rows { $0.int(0) } == [0])
    }

    @Test func migrationsApplyOnceAndNewerSchemasAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try Workspace(directory: folder.path, create: true)
        let v1 = WorkspaceSchema(component: "demo", migrations: ["CREATE TABLE demo(a)"])
        let v2 = WorkspaceSchema(component: "demo", migrations: ["CREATE TABLE demo(a)", "ALTER TABLE demo ADD COLUMN b"])
        try workspace.migrate(v1)
        try workspace.migrate(v1)
        try workspace.migrate(v2)
        try workspace.database.execute("INSERT INTO demo(a, b) VALUES (1, 2)")
        #expect(throws: WorkspaceError.newerSchema(component: "demo", found: 2, supported: 1)) { try workspace.migrate(v1) }
    }

    @Test func seededShuffleIsReproducible() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let items = Array(0..<100)
        let first = items.deterministicallyShuffled(using: &a)
        #expect(first == items.deterministicallyShuffled(using: &b))
        #expect(first != items.deterministicallyShuffled(using: &c))
        #expect(first.sorted() == items)
    }

    @Test func labelSpellings() {
        #expect(Label(parsing: "Related") == .adverseEvent)
        #expect(Label(parsing: "Not-Related") == .notAdverseEvent)
        #expect(Label(parsing: " adverse_event ") == .adverseEvent)
        #expect(Label(parsing: "0") == .notAdverseEvent)
        #expect(Label(parsing: "2") == nil)
    }
}
