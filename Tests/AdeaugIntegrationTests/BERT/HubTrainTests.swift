import AdeaugTestSupport
import Foundation
import Testing

/// `adeaug train --model ORG/NAME` through the real executable, the Hub being a loopback server
/// named by HF_ENDPOINT: the checkpoint lands in HF_HUB_CACHE's layout and trains.
@Suite struct HubTrainTests {
    @Test func trainsFromAHubNameViaHFEndpoint() throws {
        try #require(FileManager.default.isExecutableFile(atPath: AdeaugExecutable.url.path), "build the adeaug executable first")
        let hub = try FakeHub(repository: "tiny-org/tiny-mlm", fixture: "tiny-cased-mlm")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-hub-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var corpus = ""
        for index in 0..<40 {
            let text = index % 3 == 0 ? "Aspirin caused nausea in patient \(index)." : "Aspirin was given to patient \(index)."
            corpus += #"{"text": "\#(text)", "label": \#(index % 3 == 0 ? 1 : 0)}"# + "\n"
        }
        try Data(corpus.utf8).write(to: folder.appendingPathComponent("corpus.jsonl"))
        let environment = ["HF_ENDPOINT": hub.server.baseURL, "HF_HUB_CACHE": folder.appendingPathComponent("hub").path]
        let ingest = try AdeaugExecutable.run(["ingest", "--corpus", "corpus.jsonl", "--workspace", "ws", "--quiet"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let train = try AdeaugExecutable.run(
            ["train", "--model", "tiny-org/tiny-mlm", "--workspace", "ws", "--out", "out", "--epochs", "1", "--batch-size", "8", "--max-length", "16",
             "--validation-fraction", "0", "--json"],
            in: folder, removing: ["HF_TOKEN", "HF_HUB_OFFLINE", "ADEAUG_MODEL"], adding: environment)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("fetching tiny-org/tiny-mlm"))
        let snapshot = folder.appendingPathComponent("hub/models--tiny-org--tiny-mlm/snapshots/\(FakeHub.commit)")
        #expect(FileManager.default.fileExists(atPath: snapshot.appendingPathComponent("model.safetensors").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/model.safetensors").path))
        // Offline, the same name trains from the cache alone.
        let requests = hub.log.count
        let offline = try AdeaugExecutable.run(
            ["train", "--model", "tiny-org/tiny-mlm", "--workspace", "ws", "--out", "out2", "--epochs", "1", "--batch-size", "8", "--max-length", "16",
             "--validation-fraction", "0", "--quiet"],
            in: folder, removing: ["HF_TOKEN", "ADEAUG_MODEL"], adding: environment.merging(["HF_HUB_OFFLINE": "1"]) { $1 })
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(hub.log.count == requests)
        hub.server.stop()
    }
}
