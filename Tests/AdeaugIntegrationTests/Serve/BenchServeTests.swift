import Foundation
import Testing

/// `adeaug bench serve --json` through the executable, briefly, on the tiny checkpoint: the
/// server runs as its own process, with single sentences and batches.
@Suite struct BenchServeTests {
    @Test func reportsEachLevelWithoutErrors() throws {
        let run = try AdeaugExecutable.run([
            "bench", "serve", "--model", ServeProcess.tinyModel, "--max-length", "16", "--seconds", "0.5", "--concurrency", "1", "4",
            "--batch-size", "1", "3", "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let output = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let servers = try #require(output?["servers"] as? [[String: Any]])
        #expect(servers.map { $0["server"] as? String } == ["adeaug"])
        let levels = try #require(servers.first?["levels"] as? [[String: Any]])
        #expect(levels.map { $0["batch_size"] as? Int } == [1, 1, 3, 3])
        #expect(levels.map { $0["concurrency"] as? Int } == [1, 4, 1, 4])
        for level in levels {
            #expect(level["errors"] as? Int == 0)
            #expect((level["sentences_per_second"] as? Double ?? 0) > 0)
            #expect((level["p99_ms"] as? Double ?? 0) >= (level["p50_ms"] as? Double ?? 0))
        }
        // The server process's own memory, read from /proc.
        #expect((servers.first?["peak_rss_mib"] as? Double ?? 0) > 0)
        let goals = try #require(output?["goals"] as? [[String: Any]])
        #expect(goals.count == 1, "without --python only the error goal is judged")
    }

    @Test func aPythonLauncherThatFailsIsReported() throws {
        let run = try AdeaugExecutable.run([
            "bench", "serve", "--model", ServeProcess.tinyModel, "--max-length", "16", "--seconds", "0.5", "--concurrency", "1",
            "--batch-size", "1", "--python", "/bin/false", "--json",
        ])
        #expect(run.status != 0)
        #expect(run.stderr.contains("the python server did not start"), "\(run.stderr)")
    }
}
