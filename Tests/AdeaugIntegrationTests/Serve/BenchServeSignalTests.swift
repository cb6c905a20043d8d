import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `adeaug bench serve` told to stop (SIGTERM as `kill` sends it, SIGINT to the benchmark alone)
/// stops the server process it started before it exits.
@Suite(.serialized) struct BenchServeSignalTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func aStoppedBenchmarkStopsItsServer(signal number: Int32) async throws {
        let bench = Process()
        bench.executableURL = AdeaugExecutable.url
        bench.arguments = [
            "bench", "serve", "--model", ServeProcess.tinyModel, "--max-length", "16", "--seconds", "60", "--concurrency", "1",
            "--batch-size", "1", "--json",
        ]
        bench.standardOutput = FileHandle.nullDevice
        bench.standardError = FileHandle.nullDevice
        try bench.run()
        var server: Int32?
        defer {
            // Whatever the outcome, nothing this test started outlives it.
            if bench.isRunning { kill(bench.processIdentifier, SIGKILL) }
            if let server, Self.isAlive(server) { kill(server, SIGKILL) }
        }
        // The server is up and answering once the benchmark's child has been running a moment
        // and the benchmark still runs (its load lasts 60 s).
        let deadline = Date().addingTimeInterval(60)
        while server == nil && bench.isRunning && Date() < deadline {
            server = Self.children(of: bench.processIdentifier).first
            try await Task.sleep(for: .milliseconds(50))
        }
        let child = try #require(server, "bench serve started no server process")
        try await Task.sleep(for: .seconds(2))
        #expect(bench.isRunning)

        kill(bench.processIdentifier, number)
        let stopped = Date().addingTimeInterval(30)
        while bench.isRunning && Date() < stopped { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!bench.isRunning, "bench serve did not exit on signal \(number)")
        #expect(bench.terminationStatus == 128 + number)
        #expect(!Self.isAlive(child), "the server (pid \(child)) outlived bench serve")
    }

    /// Process ids whose parent is `pid` (Linux /proc).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            // "pid (name) state ppid ...": the name may hold spaces, so read after its ")".
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid
        }
    }

    /// Running, and not a zombie waiting for its parent to read its status.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return false
        }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }
}
