import AdeaugCore
import AdeaugCorpus
import Foundation
import Testing

/// A real `adeaug ingest` process, killed with SIGKILL while it writes the workspace, leaves
/// the workspace exactly as it was.
@Suite struct KilledIngestTests {
    @Test func killDuringTheWriteLeavesTheWorkspaceAsItWas() throws {
        let executable = TestSupport.executable
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the adeaug executable first")
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspacePath = folder.appendingPathComponent("ws").path
        try CorpusIngest(options: IngestOptions(corpusPath: TestSupport.realCorpus))
            .run(workspaceDirectory: workspacePath, arguments: [], logger: TestSupport.logger)
        let before = try Workspace(directory: workspacePath, create: false).examples()

        var big = ""
        for index in 0..<80_000 {
            big += "{\"text\": \"Synthetic sentence number \(index) about drug \(index % 97).\", \"label\": \(index % 5 == 0 ? 1 : 0)}\n"
        }
        let bigPath = try TestSupport.write(big, to: folder.appendingPathComponent("big.jsonl"))
        let wal = workspacePath + "/" + Workspace.databaseFileName + "-wal"
        let walSizeBefore = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0

        let process = Process()
        process.executableURL = executable
        process.arguments = ["ingest", "--corpus", bigPath, "--workspace", workspacePath, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until the transaction has written well into the WAL, then kill.
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

        let after = try Workspace(directory: workspacePath, create: false).examples()
        #expect(after == before)
    }
}
