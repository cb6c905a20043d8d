import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// How to start one HTTP server under test on a given loopback port: `adeaug serve` or the
/// Python stack. `{port}` in an argument is replaced by the port chosen.
public struct ServerCommand: Sendable, Equatable {
    public var name: String
    public var executable: String
    public var arguments: [String]

    public init(name: String, executable: String, arguments: [String]) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
    }
}

/// A server under test, in its own process so its memory is its own (the load client runs in
/// the benchmark's process): started, waited for until /ping answers 200, stopped with SIGTERM
/// (SIGKILL after 30 s). Its output goes to a log file, shown when it fails to start.
final class ServerProcess {
    let command: ServerCommand
    let port: Int
    let process = Process()
    let log: URL

    init(_ command: ServerCommand, port: Int) {
        self.command = command
        self.port = port
        log = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-bench-serve-\(command.name)-\(UUID().uuidString).log")
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var memory: ProcessMemory? { ProcessMemory.read(pid: process.processIdentifier) }

    func start() throws {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments.map { $0.replacingOccurrences(of: "{port}", with: String(port)) }
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw ServeBenchmarkError.cannotStart(command.name, "\(command.executable): \(error)")
        }
    }

    /// Polls /ping until 200; the Python stack takes from seconds to minutes (cold, on a busy
    /// machine) to import torch and transformers.
    func waitUntilReady(timeout: Double = 600) async throws {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let ping = URL(string: baseURL + "/ping")!
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { throw ServeBenchmarkError.cannotStart(command.name, "exited with status \(process.terminationStatus):\n\(logTail())") }
            if let (_, response) = try? await session.data(from: ping), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServeBenchmarkError.cannotStart(command.name, "/ping did not answer 200 within \(Int(timeout)) s:\n\(logTail())")
    }

    /// SIGTERM, as SageMaker stops a container; SIGKILL if it is still running 30 s later.
    func stop() {
        defer { try? FileManager.default.removeItem(at: log) }
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    func logTail() -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).joined(separator: "\n")
    }
}
