import AdeaugCore
import Foundation
import Logging
import Testing

/// Paths and helpers shared by the corpus tests.
enum TestSupport {
    /// The repository root, from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the checkout (CI lays a copy there), or `$ADEAUG_SHARED`.
    static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["ADEAUG_SHARED"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent("../shared").standardized
    }

    static var realCorpus: String { shared.appendingPathComponent("corpora/ade-corpus-v2").path }
    static var pytorchSplit: String { shared.appendingPathComponent("reference/pytorch-split").path }

    static let logger = Logger(label: "adeaug-tests") { _ in SwiftLogNoOpLogHandler() }

    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func write(_ content: String, to url: URL) throws -> String {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
        return url.path
    }

    @discardableResult
    static func write(bytes: [UInt8], to url: URL) throws -> String {
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The `adeaug` executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("adeaug")
    }

    /// A JSONL corpus big enough that its ingest writes for a while (80,000 rows).
    static func bigCorpus(in folder: URL) throws -> String {
        var big = ""
        for index in 0..<80_000 {
            big += "{\"text\": \"Synthetic sentence number \(index) about drug \(index % 97).\", \"label\": \(index % 5 == 0 ? 1 : 0)}\n"
        }
        return try write(big, to: folder.appendingPathComponent("big.jsonl"))
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
