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

        let bigPath = try TestSupport.bigCorpus(in: folder)
        let killed = try TestSupport.killMidWrite(
            ["ingest", "--corpus", bigPath, "--workspace", workspacePath, "--quiet"], workspace: workspacePath)
        #expect(killed, "the ingest finished before it could be killed mid-write")

        let after = try Workspace(directory: workspacePath, create: false).examples()
        #expect(after == before)
    }
}
