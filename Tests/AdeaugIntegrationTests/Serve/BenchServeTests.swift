import Foundation
import Testing

/// `adeaug bench serve --json` through the executable, briefly, on the tiny checkpoint.
@Suite struct BenchServeTests {
    @Test func reportsEachConcurrencyWithoutErrors() throws {
        let run = try AdeaugExecutable.run([
            "bench", "serve", "--model", ServeProcess.tinyModel, "--max-length", "16", "--seconds", "0.5", "--concurrency", "1", "4", "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let output = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let levels = try #require(output?["result"] as? [[String: Any]])
        #expect(levels.map { $0["concurrency"] as? Int } == [1, 4])
        for level in levels {
            #expect(level["errors"] as? Int == 0)
            #expect((level["sentences_per_second"] as? Double ?? 0) > 0)
            #expect((level["p99_ms"] as? Double ?? 0) >= (level["p50_ms"] as? Double ?? 0))
        }
    }
}
