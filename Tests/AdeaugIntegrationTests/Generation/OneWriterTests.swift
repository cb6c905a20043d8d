import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

/// Two `adeaug` processes on one workspace: while a `generate` runs, a second `generate` and an
/// `ingest` are refused at once, naming it, and send and write nothing; `report` and `export`
/// work meanwhile.
@Suite struct OneWriterTests {
    static var executable: URL { AdeaugExecutable.url }

    typealias Finished = AdeaugExecutable.Finished

    func adeaug(_ arguments: [String]) throws -> Finished { try AdeaugExecutable.run(arguments) }

    /// Holds every answer until opened: the first run stays busy as long as the test needs.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var open = false
        func release() { lock.withLock { open = true } }
        var isOpen: Bool { lock.withLock { open } }
    }

    @Test func aSecondWriterIsRefusedWhileReadersWork() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the adeaug executable first")
        let directory = TemporaryDirectory()
        let workspacePath = directory.path + "/ws"
        var corpus = ""
        for index in 0..<60 {
            let text = index % 2 == 0
                ? "A patient developed \(Fixtures.effects[index % 20]) after \(Fixtures.drugs[(index * 7) % 20]) in case \(index)."
                : "The patient received \(Fixtures.drugs[index % 20]) for condition \(index) without complications."
            corpus += #"{"text": "\#(text)", "label": \#(index % 2 == 0 ? 1 : 0)}"# + "\n"
        }
        let corpusPath = directory.path + "/corpus.jsonl"
        try Data(corpus.utf8).write(to: URL(fileURLWithPath: corpusPath))
        let ingested = try adeaug(["ingest", "--corpus", corpusPath, "--workspace", workspacePath, "--quiet"])
        try #require(ingested.status == 0, "\(ingested.stderr)")
        let examples = try Workspace(directory: workspacePath, create: false, access: .read).examples()
        let trainCount = examples.filter { $0.split == .train }.count
        let log = RequestLog()
        let gate = Gate()
        let server = try LoopbackServer { request in
            log.append(request)
            while !gate.isOpen { usleep(5_000) }
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        defer { gate.release() }
        let arguments = [
            "generate", "--workspace", workspacePath, "--endpoint", "tgi", "--url", server.baseURL,
            "--target", "10", "--concurrency", "2", "--no-preflight", "--quiet",
        ]
        let first = Process()
        first.executableURL = Self.executable
        first.arguments = arguments
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        let deadline = Date().addingTimeInterval(60)
        while first.isRunning && log.count < 2 && Date() < deadline { usleep(2_000) }
        try #require(first.isRunning && log.count == 2, "the first generate did not start its requests")

        let second = try adeaug(arguments)
        #expect(second.status != 0)
        #expect(second.stderr.contains("in use by `adeaug generate"), "\(second.stderr)")
        #expect(second.stderr.contains("(process \(first.processIdentifier)"), "\(second.stderr)")
        #expect(second.seconds < 10, "refused only after \(second.seconds) s")
        let replacing = try adeaug(["ingest", "--corpus", corpusPath, "--workspace", workspacePath, "--test-fraction", "0.5", "--quiet"])
        #expect(replacing.status != 0)
        #expect(replacing.stderr.contains("(process \(first.processIdentifier)"), "\(replacing.stderr)")
        #expect(log.count == 2, "a refused command sent a request")

        let report = try adeaug(["report", "--workspace", workspacePath])
        #expect(report.status == 0, "\(report.stderr)")
        let export = try adeaug(["export", "--split", "train", "--workspace", workspacePath])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.split(separator: "\n").count == trainCount)
        let audit = try adeaug(["audit", "--workspace", workspacePath])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(first.isRunning, "the first generate ended while the others ran")

        gate.release()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let workspace = try Workspace(directory: workspacePath, create: false, access: .read)
        let commands = try workspace.database.prepare("SELECT command FROM runs ORDER BY id").rows { $0.text(0) }
        #expect(commands == ["ingest", "generate"], "a refused command recorded a run")
        #expect(try workspace.examples() == examples, "the refused ingest replaced the corpus")
        let seeds = log.requests.compactMap(Fixtures.seed(of:))
        #expect(Set(seeds).count == seeds.count, "a request was sent twice")
    }
}
