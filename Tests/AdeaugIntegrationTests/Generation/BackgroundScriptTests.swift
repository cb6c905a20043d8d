import AdeaugTestSupport
import Foundation
import Testing

/// `scripts/background.sh`, through which `scripts/llm.sh start` runs llama-server. Started from
/// a test's thread (which blocks SIGTERM), with `sleep` standing in for the server, what it
/// starts still stops when `scripts/llm.sh stop` sends SIGTERM.
@Suite struct BackgroundScriptTests {
    @Test func whatATestStartsStopsOnSIGTERM() throws {
        // A cache of its own: `llm.sh stop` here must not stop a real server.
        let cache = TemporaryDirectory()
        let run = cache.path + "/run"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        let pidFile = run + "/llama-server.pid"
        let status = try ScriptRun.run("background.sh", [pidFile, run + "/llama-server.log", "/bin/sleep", "300"])
        #expect(status == 0)
        let pid = try #require(pid_t((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { if !ProcessStatus.hasEnded(pid) { kill(pid, SIGKILL) } }

        // The pid is the subshell's until it has exec'd env, nohup and then sleep.
        let started = ContinuousClock.now
        var process = ProcessStatus(pid)
        while process?.name != "sleep" && ContinuousClock.now - started < .seconds(10) {
            usleep(10_000)
            process = ProcessStatus(pid)
        }
        let sleeping = try #require(process, "the stand-in did not start")
        #expect(sleeping.name == "sleep")
        #expect(!sleeping.blocks(SIGTERM) && !sleeping.ignores(SIGTERM), "SIGTERM blocked or ignored: llm.sh stop cannot stop it")
        #expect(!sleeping.blocks(SIGINT) && !sleeping.ignores(SIGINT))
        // As if typed in a terminal: nothing blocked, of the standard signals only SIGHUP ignored
        // (nohup). The C library's own real-time signals (33, 34) are out of any program's reach.
        #expect(sleeping.blocked == 0, "blocks \(String(sleeping.blocked, radix: 16))")
        #expect(sleeping.ignored & 0x7FFF_FFFF == 1 << UInt64(SIGHUP - 1), "ignores \(String(sleeping.ignored, radix: 16))")

        // llm.sh stop sends SIGTERM and escalates to SIGKILL only after 10 s.
        let stopping = ContinuousClock.now
        #expect(try ScriptRun.run("llm.sh", ["stop"], environment: ["ADEAUG_CACHE": cache.path]) == 0)
        #expect(ProcessStatus.hasEnded(pid))
        #expect(ContinuousClock.now - stopping < .seconds(5), "it took SIGKILL to stop")
        #expect(!FileManager.default.fileExists(atPath: pidFile))
    }
}
