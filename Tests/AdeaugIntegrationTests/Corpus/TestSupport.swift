import AdeaugCore
import AdeaugTestSupport
import Foundation
import Logging

/// What the killed-ingest tests need: the real corpus, a big corpus, and an `adeaug` process
/// killed in the middle of its write transaction.
enum TestSupport {
    static var realCorpus: String { SharedData.adeCorpus }

    static let logger = Logger(label: "adeaug-tests") { _ in SwiftLogNoOpLogHandler() }

    static var executable: URL { AdeaugExecutable.url }

    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A JSONL corpus big enough that its ingest writes for a while (80,000 rows).
    static func bigCorpus(in folder: URL) throws -> String {
        var big = ""
        for index in 0..<80_000 {
            big += "{\"text\": \"Synthetic sentence number \(index) about drug \(index % 97).\", \"label\": \(index % 5 == 0 ? 1 : 0)}\n"
        }
        let url = folder.appendingPathComponent("big.jsonl")
        try Data(big.utf8).write(to: url)
        return url.path
    }

    /// Runs `adeaug` with `arguments` and SIGKILLs it once the workspace's WAL has grown 256 KiB,
    /// that is in the middle of its write transaction. Returns whether it was killed mid-write.
    static func killMidWrite(_ arguments: [String], workspace: String) throws -> Bool {
        let wal = workspace + "/" + Workspace.databaseFileName + "-wal"
        let walSizeBefore = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
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
        return killedWhileWriting && process.terminationReason == .uncaughtSignal
    }
}
