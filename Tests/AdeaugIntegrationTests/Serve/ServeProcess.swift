import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// An `adeaug serve` process on a free loopback port, and a plain HTTP client for it.
// @unchecked: its state is set once in init; Process and URLSession are thread-safe.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let stderrFile: URL
    let session = URLSession(configuration: .ephemeral)

    static var tinyModel: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-torch-bert").path
    }

    /// Starts `adeaug serve --model tiny --max-length 16 EXTRA` on 127.0.0.1.
    init(_ extra: [String] = [], model: String = ServeProcess.tinyModel) throws {
        port = try Self.freePort()
        stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = AdeaugExecutable.url
        process.arguments = ["serve", "--model", model, "--host", "127.0.0.1", "--port", String(port), "--max-length", "16"] + extra
        var environment = ProcessInfo.processInfo.environment
        for name in ["SAGEMAKER_BIND_TO_PORT", "ADEAUG_KEY", "ADEAUG_KEY_FILE"] { environment.removeValue(forKey: name) }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: stderrFile)
    }

    var log: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    struct Answer {
        var status: Int
        var body: String
        var headers: [String: String]
    }

    func request(
        _ method: String, _ path: String, body: Data? = nil, contentType: String? = nil, accept: String? = nil
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 60
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let accept { request.setValue(accept, forHTTPHeaderField: "Accept") }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
        return Answer(status: http.statusCode, body: String(decoding: data, as: UTF8.self), headers: headers)
    }

    func invoke(_ text: String, _ contentType: String = "application/json", accept: String? = nil) async throws -> Answer {
        try await request("POST", "/invocations", body: Data(text.utf8), contentType: contentType, accept: accept)
    }

    /// Polls /ping until 200; returns the statuses seen before, for the 503-before check.
    @discardableResult
    func waitUntilReady(seconds: Double = 60) async throws -> [Int] {
        var seen: [Int] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard process.isRunning else { throw ServeProcessError.exited(log) }
            if let answer = try? await request("GET", "/ping") {
                if answer.status == 200 { return seen }
                seen.append(answer.status)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ServeProcessError.notReady(log)
    }

    /// Waits for the process to end; nil when it outlives `seconds`.
    func waitForExit(seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ServeProcessError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

enum ServeProcessError: Error {
    case noFreePort
    case exited(String)
    case notReady(String)
}
