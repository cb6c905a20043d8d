import AdeaugCore
import AdeaugCorpus
import Foundation
import Testing

/// An `adeaug ingest` into an encrypted workspace, killed with SIGKILL while it writes: SQLite's
/// WAL recovery still works through the encrypting VFS (torn frames end the WAL), so the
/// workspace opens with its key, whole and as it was.
@Suite struct KilledEncryptedIngestTests {
    @Test func killDuringTheWriteLeavesTheEncryptedWorkspaceAsItWas() throws {
        let executable = TestSupport.executable
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the adeaug executable first")
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyPath = folder.appendingPathComponent("workspace.key").path
        let key = EncryptionKey.generate()
        try KeyFile.write(key, to: keyPath)
        let location = WorkspaceLocation(
            directory: folder.appendingPathComponent("ws").path, keys: .key(key, source: .file), encrypt: true)
        try CorpusIngest(options: IngestOptions(corpusPath: TestSupport.realCorpus))
            .run(workspace: location, arguments: [], logger: TestSupport.logger)
        let before = try Workspace(location: location, create: false).examples()

        let bigPath = try TestSupport.bigCorpus(in: folder)
        // No --encrypt: the workspace's encryption.json says it is encrypted; the key is enough.
        let killed = try TestSupport.killMidWrite(
            ["ingest", "--corpus", bigPath, "--workspace", location.directory, "--key-file", keyPath, "--quiet"],
            workspace: location.directory)
        #expect(killed, "the ingest finished before it could be killed mid-write")

        let after = try Workspace(location: location, create: false)
        #expect(try after.examples() == before)
        #expect(try after.database.prepare("PRAGMA integrity_check").rows { $0.text(0) } == ["ok"])
        #expect(after.database.vfs?.failure == nil)
        // And it keeps working: a new ingest of the same corpus commits through the recovered WAL.
        try CorpusIngest(options: IngestOptions(corpusPath: TestSupport.realCorpus))
            .run(workspace: location, arguments: [], logger: TestSupport.logger)
        #expect(try Workspace(location: location, create: false).examples().count == before.count)
    }
}
