import AdeaugCore
import AdeaugGenerationFixtures
import Foundation
import Testing

@testable import AdeaugGeneration

/// Real sentences from a real model: llama.cpp's llama-server with Gemma 3 270M on 127.0.0.1,
/// started through `scripts/llm.sh` (which `make test` sets up). Skipped, saying why, only when
/// the script's server binary or model are absent.
@Suite struct LlamaServerIntegrationTests {
    /// The repository root: this file is Tests/AdeaugIntegrationTests/Generation/<file>.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let cache = ProcessInfo.processInfo.environment["ADEAUG_CACHE"] ?? (NSHomeDirectory() + "/.cache/adeaug")
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: cache + "/llama.cpp/11434/bin/llama-server")
            && FileManager.default.fileExists(atPath: cache + "/models/gemma-3-270m-q4_k_m.gguf")
    }

    /// Runs `scripts/llm.sh start 8091` and waits for it with `waitpid`.
    ///
    /// Not with Foundation's `Process`: on Linux it learns that a child ended when a socket it
    /// shares with the child closes, and the llama-server that the script leaves running inherits
    /// that socket, so `waitUntilExit` would wait for the server to stop. For the same reason the
    /// shell closes every descriptor above 2 before running the script, so that the server holds
    /// none of this process's (another test's `Process` socket among them).
    static func startServer() throws -> String {
        let script = repository + "/scripts/llm.sh"
        let command = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec /bin/bash "$0" start 8091 </dev/null"#
        let arguments = ["/bin/bash", "-c", command, script]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ)
        guard spawned == 0 else { throw GenerationError.endpointNotReady("cannot run \(script) (error \(spawned))") }
        // The script may build llama-server first (minutes); a stuck start fails the test, never hangs it.
        var status: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(900)
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw GenerationError.endpointNotReady("\(script) start 8091 did not finish in 15 minutes")
            }
            usleep(200_000)
        }
        guard status == 0 else { throw GenerationError.endpointNotReady("\(script) start 8091 failed (wait status \(status))") }
        return "http://127.0.0.1:8091"
    }

    @Test(.enabled(if: available, "llama-server or the Gemma model is missing: run `scripts/llm.sh setup` (make test does)"))
    func generatesRealSentencesThroughLlamaServer() throws {
        let url = try Self.startServer()
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
