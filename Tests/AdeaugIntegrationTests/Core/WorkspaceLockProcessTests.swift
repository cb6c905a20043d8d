import AdeaugCore
import Foundation
import Testing

/// The lock between two real processes: an `adeaug generate` holds its workspace while it waits
/// on an endpoint that never answers; this process is refused with that process named, and gets
/// the lock once the holder has exited or been killed.
@Suite struct WorkspaceLockProcessTests {
    static let executable = AdeaugExecutable.url

    /// A TCP port on 127.0.0.1 that accepts connections (the kernel does) and never answers.
    final class SilentEndpoint {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            try #require(descriptor >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, length) == 0 && listen(descriptor, 64) == 0 && getsockname(descriptor, $0, &length) == 0
                }
            }
            if !bound { close(descriptor) }
            try #require(bound)
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    func adeaug(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A workspace with a corpus, made by `adeaug ingest`.
    func ingestedWorkspace(in folder: URL) throws -> String {
        var corpus = ""
        for index in 0..<60 {
            let text = index % 3 == 0 ? "Drug \(index) caused rash number \(index) in a patient." : "Control sentence \(index) about dosing \(index)."
            corpus += #"{"text": "\#(text)", "label": \#(index % 3 == 0 ? 1 : 0)}"# + "\n"
        }
        let corpusPath = folder.appendingPathComponent("corpus.jsonl").path
        try Data(corpus.utf8).write(to: URL(fileURLWithPath: corpusPath))
        let workspace = folder.appendingPathComponent("ws").path
        let ingest = try adeaug(["ingest", "--corpus", corpusPath, "--workspace", workspace, "--quiet"])
        ingest.waitUntilExit()
        try #require(ingest.terminationStatus == 0)
        return workspace
    }

    /// Starts a `generate` that holds `workspace` until it is killed or its one request times out.
    func holdingGenerate(_ workspace: String, endpoint: SilentEndpoint, timeout: Int) throws -> Process {
        let holder = try adeaug([
            "generate", "--workspace", workspace, "--endpoint", "tgi", "--url", "http://127.0.0.1:\(endpoint.port)",
            "--no-preflight", "--max-requests", "1", "--max-attempts", "1", "--concurrency", "1",
            "--request-timeout", String(timeout), "--quiet",
        ])
        let deadline = Date().addingTimeInterval(30)
        while WorkspaceLock.holder(ofWorkspace: workspace)?.processID != holder.processIdentifier && holder.isRunning && Date() < deadline {
            usleep(10_000)
        }
        return holder
    }

    func expectRefused(_ workspace: String, by holder: Process) {
        do {
            let lock = try WorkspaceLock.acquire(directory: workspace)
            Issue.record("acquired a lock that process \(holder.processIdentifier) holds")
            withExtendedLifetime(lock) {}
        } catch {
            guard case .held(_, let named?) = error else {
                Issue.record("refused without the holder named: \(error)")
                return
            }
            #expect(named.processID == holder.processIdentifier)
            #expect(Array(named.commandLine.prefix(2)) == ["adeaug", "generate"])
            #expect(error.description.contains("process \(holder.processIdentifier)"))
        }
    }

    @Test func theLockIsFreedWhenTheHolderIsKilled() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the adeaug executable first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-lock-kill-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try ingestedWorkspace(in: folder)
        let endpoint = try SilentEndpoint()

        let holder = try holdingGenerate(workspace, endpoint: endpoint, timeout: 120)
        #expect(holder.isRunning, "the generate ended before it could be seen holding the lock")
        expectRefused(workspace, by: holder)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(holder.terminationReason == .uncaughtSignal)

        let lock = try WorkspaceLock.acquire(directory: workspace)
        #expect(WorkspaceLock.holder(ofWorkspace: workspace)?.processID == getpid())
        withExtendedLifetime(lock) {}
    }

    @Test func theLockIsFreedWhenTheHolderExits() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the adeaug executable first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-lock-exit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try ingestedWorkspace(in: folder)
        let endpoint = try SilentEndpoint()

        // Its one request times out after 3 s; then it stops (no progress) and exits.
        let holder = try holdingGenerate(workspace, endpoint: endpoint, timeout: 3)
        #expect(holder.isRunning, "the generate ended before it could be seen holding the lock")
        expectRefused(workspace, by: holder)
        holder.waitUntilExit()
        #expect(holder.terminationReason == .exit)

        #expect(WorkspaceLock.holder(ofWorkspace: workspace) == nil)
        let lock = try WorkspaceLock.acquire(directory: workspace)
        withExtendedLifetime(lock) {}
    }
}
