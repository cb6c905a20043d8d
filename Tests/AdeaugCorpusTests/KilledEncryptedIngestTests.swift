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

        var big = ""
        for index in 0..<80_000 {
            big += "{\"text\": \"Synthetic sentence number \(index) about drug \(index % 97).\", \"label\": \(index % 5 == 0 ? 1 : 0)}\n"
        }
        let bigPath = try TestSupport.write(big, to: folder.appendingPathComponent("big.jsonl"))
        let wal = location.directory + "/" + Workspace.databaseFileName + "-wal"
        let walSizeBefore = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0

        let process = Process()
        process.executableURL = executable
        // No --encrypt: the workspace's encryption.json says it is encrypted; the key is enough.
        process.arguments = ["ingest", "--corpus", bigPath, "--workspace", location.directory, "--key-file", keyPath, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var killedWhileWriting = false
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > walSizeBefore + 256 * 1024 {
                kill(process.processIdentifier, SIGKILL)
                killedWhileWriting = true
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        #expect(killedWhileWriting, "the ingest finished before it could be killed mid-write")
        #expect(process.terminationReason == .uncaughtSignal)

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
