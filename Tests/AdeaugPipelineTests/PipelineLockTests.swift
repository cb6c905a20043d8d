import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import Foundation
import Logging
import Testing

/// `adeaug run` on a workspace another process writes: refused with the holder named, before
/// the corpus is read or anything is written.
@Suite struct PipelineLockTests {
    @Test func aRunOnAHeldWorkspaceIsRefusedBeforeItStarts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-pipeline-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus.csv")
        // A corpus that does not parse: refused for the lock, not for the corpus, means the
        // corpus was never read.
        try Data("text,label\n\"A sentence.\",Maybe\n".utf8).write(to: corpus)
        let workspacePath = folder.appendingPathComponent("ws").path
        _ = try Workspace(directory: workspacePath, create: true)

        // Another holder: a descriptor of its own, which flock treats as another process.
        let descriptor = open(workspacePath + "/" + WorkspaceLock.fileName, O_RDWR | O_CLOEXEC)
        try #require(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        let holder = WorkspaceLockHolder(processID: getpid(), commandLine: ["adeaug", "generate"])
        try JSONEncoder().encode(holder).write(to: URL(fileURLWithPath: workspacePath + "/" + WorkspaceLock.fileName))

        var config = PipelineConfig()
        config.workspace = workspacePath
        config.corpus.path = corpus.path
        config.generation.enabled = false
        let trainer = NaiveBayesTrainer()
        let runner = PipelineRunner(
            config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, makeTrainer: { _ in trainer })
        #expect(throws: WorkspaceLockError.held(directory: workspacePath, holder: holder)) {
            try runner.run(arguments: ["test"])
        }
        let workspace = try Workspace(directory: workspacePath, create: false, access: .read)
        #expect(try workspace.database.prepare("SELECT COUNT(*) FROM runs").rows { $0.int(0) } == [0])
        #expect(!FileManager.default.fileExists(atPath: workspacePath + "-published"))
    }
}
