import AdeaugTestSupport
import Foundation
import Testing

/// `adeaug tune` over two checkpoints, one a Hub name served by a loopback Hub and one a local
/// folder, on the tiny fixtures; then `compare --tuned` trains with the winner.
@Suite struct TuneAcrossCheckpointsTests {
    @Test func tuneTriesEachCheckpointAndCompareUsesTheWinner() throws {
        try #require(FileManager.default.isExecutableFile(atPath: AdeaugExecutable.url.path), "build the adeaug executable first")
        let hub = try FakeHub(repository: "tiny-org/tiny-mlm", fixture: "tiny-cased-mlm")
        defer { hub.server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-tune-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var corpus = ""
        for index in 0..<60 {
            let text = index % 3 == 0 ? "Aspirin caused nausea in patient \(index)." : "Aspirin was given to patient \(index)."
            corpus += #"{"text": "\#(text)", "label": \#(index % 3 == 0 ? 1 : 0)}"# + "\n"
        }
        try Data(corpus.utf8).write(to: folder.appendingPathComponent("corpus.jsonl"))
        let environment = ["HF_ENDPOINT": hub.server.baseURL, "HF_HUB_CACHE": folder.appendingPathComponent("hub").path]
        func adeaug(_ arguments: [String]) throws -> AdeaugExecutable.Finished {
            try AdeaugExecutable.run(arguments, in: folder, removing: ["HF_TOKEN", "HF_HUB_OFFLINE", "ADEAUG_MODEL"], adding: environment)
        }
        #expect(try adeaug(["ingest", "--corpus", "corpus.jsonl", "--workspace", "ws", "--quiet"]).status == 0)
        let local = FakeHub.fixtures.appendingPathComponent("tiny-classifier-sharded").path
        let tune = try adeaug([
            "tune", "--workspace", "ws", "--model", "tiny-org/tiny-mlm", "--model", local, "--trials", "3",
            "--learning-rates", "1e-3,5e-4", "--batch-sizes", "8", "--max-lengths", "16", "--epochs", "1", "--json",
        ])
        #expect(tune.status == 0, "\(tune.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(tune.stdout.utf8)) as? [String: Any])
        let trials = try #require(outcome["trials"] as? [[String: Any]])
        let checkpoints = trials.compactMap { ($0["hyperparameters"] as? [String: Any])?["checkpoint"] as? String }
        #expect(Set(checkpoints) == ["tiny-org/tiny-mlm", local])
        #expect(trials.allSatisfy { $0["validationF1"] is Double && $0["seconds"] is Double })
        let best = try #require((outcome["best"] as? [String: Any])?["checkpoint"] as? String)

        let compare = try adeaug(["compare", "--workspace", "ws", "--tuned", "--conditions", "baseline", "--seeds", "1", "--freeze-encoder", "--out", "report"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let expected = best == local ? "bert(tiny-classifier-sharded)" : "bert(tiny-org/tiny-mlm@\(FakeHub.commit))"
        #expect(compare.stdout.contains(expected), "\(compare.stdout)")
    }
}
