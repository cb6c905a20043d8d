import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

/// Real sentences from a real model: llama.cpp's llama-server with Gemma 3 270M on 127.0.0.1,
/// started through `scripts/llm.sh` (which `make test` sets up) and stopped when the test ends.
/// Skipped, saying why, only when the script's server binary or model are absent.
@Suite struct LlamaServerIntegrationTests {
    /// The repository root: this file is Tests/AdeaugIntegrationTests/Generation/<file>.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let cache = ProcessInfo.processInfo.environment["ADEAUG_CACHE"] ?? (NSHomeDirectory() + "/.cache/adeaug")
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: cache + "/llama.cpp/11434/bin/llama-server")
            && FileManager.default.fileExists(atPath: cache + "/models/gemma-3-270m-q4_k_m.gguf")
    }

    static let pidFile = cache + "/run/llama-server.pid"

    /// Runs `scripts/llm.sh start 8091` (it may build llama-server first: minutes). True when
    /// this call started the server, false when one was running already (a developer's own,
    /// left alone).
    static func startServer() throws -> Bool {
        let running = (try? String(contentsOfFile: pidFile, encoding: .utf8))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .map { !ProcessStatus.hasEnded($0) } ?? false
        let status = try ScriptRun.run("llm.sh", ["start", "8091"], timeout: .seconds(900))
        guard status == 0 else { throw GenerationError.endpointNotReady("scripts/llm.sh start 8091 failed (wait status \(status))") }
        return !running
    }

    /// `scripts/llm.sh stop`: SIGTERM, and it returns once the server has gone.
    static func stopServer() {
        _ = try? ScriptRun.run("llm.sh", ["stop"])
    }

    @Test(.enabled(if: available, "llama-server or the Gemma model is missing: run `scripts/llm.sh setup` (make test does)"))
    func generatesRealSentencesThroughLlamaServer() throws {
        // Whatever a test starts, it stops: the server must not outlive `make test`.
        let startedHere = try Self.startServer()
        defer { if startedHere { Self.stopServer() } }
        let url = "http://127.0.0.1:8091"
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        // The Falcon-instruct layout on /v1/completions: what `adeaug generate` uses by default.
        var options = Fixtures.options(url: url, kind: .openai, target: 2)
        options.endpoint.timeouts = HTTPTimeouts(connectMilliseconds: 5_000, totalMilliseconds: 90_000)
        options.concurrency = 2
        options.maxRequests = 4
        options.parameters.maxNewTokens = 40
        let summary = try Generator(workspace: workspace, options: options).run()
        print("llama-server openai: \(summary.text)")
        #expect(summary.progress.answered >= 2, "\(summary.message)")
        #expect(summary.progress.failed == 0)

        // The chat route answers too (one short request: this GGUF's chat template is a fallback).
        var chat = Fixtures.options(url: url, kind: .openaiChat, target: summary.progress.accepted + 1)
        chat.endpoint.timeouts = options.endpoint.timeouts
        chat.maxRequests = 1
        chat.parameters.maxNewTokens = 24
        let chatSummary = try Generator(workspace: workspace, options: chat).run()
        print("llama-server openai-chat: \(chatSummary.text)")
        #expect(chatSummary.progress.answered == 1)

        let outputs = try workspace.database.prepare("SELECT filter_reason, text FROM generation_outputs ORDER BY id").rows { "\($0.text(0)): \($0.text(1))" }
        print("generated:\n" + outputs.joined(separator: "\n"))
        #expect(!outputs.isEmpty)
        let tokens = try workspace.database.prepare("SELECT COUNT(*) FROM generation_responses WHERE outcome = 'success' AND tokens > 0").rows { $0.int(0) }.first ?? 0
        #expect(tokens >= 3)
    }
}
