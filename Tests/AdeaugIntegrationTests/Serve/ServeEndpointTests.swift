import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `adeaug serve` through a real socket on 127.0.0.1, with the tiny checkpoint fixture.
@Suite(.serialized) struct ServeEndpointTests {
    @Test func everyContentTypeSingleAndBatch() async throws {
        let server = try ServeProcess()
        try await server.waitUntilReady()

        let single = try await server.invoke(#"{"inputs": "rash after aspirin"}"#)
        #expect(single.status == 200)
        let one = try JSONSerialization.jsonObject(with: Data(single.body.utf8)) as? [[String: Any]]
        #expect(one?.count == 1 && one?.first?["label"] is String && one?.first?["score"] is Double)

        let batch = try await server.invoke(#"{"inputs": ["a", "b", "c"], "parameters": {"top_k": 2}}"#)
        let lists = try JSONSerialization.jsonObject(with: Data(batch.body.utf8)) as? [[[String: Any]]]
        #expect(batch.status == 200 && lists?.count == 3 && lists?.allSatisfy { $0.count == 2 } == true)

        let lines = try await server.invoke("{\"inputs\": \"a\"}\n{\"text\": \"b\"}\n", "application/jsonlines", accept: "application/jsonlines")
        #expect(lines.status == 200 && lines.headers["content-type"] == "application/jsonlines")
        #expect(lines.body.split(separator: "\n").count == 2)

        let csv = try await server.invoke("rash, itching\nheadache\n", "text/csv", accept: "text/csv")
        #expect(csv.status == 200 && csv.body.split(separator: "\n").count == 2)
        #expect(csv.body.split(separator: "\n").allSatisfy { $0.hasPrefix("Not_AE,") || $0.hasPrefix("Adverse_Event,") })
    }

    @Test func refusalsNameTheProblemWithoutEchoingText() async throws {
        let server = try ServeProcess(["--max-body-bytes", "1000"])
        try await server.waitUntilReady()
        let secret = "patient-secret-\(UUID().uuidString)"

        let invalid = try await server.invoke("{\"inputs\": \"\(secret)\"}\n{oops \(secret)\n", "application/jsonlines")
        #expect(invalid.status == 400 && invalid.body.contains("line 2") && !invalid.body.contains(secret))
        #expect(try await server.invoke(#"{"text": "x"}"#).body.contains("inputs"))
        #expect(try await server.invoke(#"{"inputs": ""}"#).status == 400)
        let badUTF8 = try await server.request("POST", "/invocations", body: Data([0x7B, 0xFF, 0x7D]), contentType: "application/json")
        #expect(badUTF8.status == 400 && badUTF8.body.contains("UTF-8"))
        #expect(try await server.invoke(secret, "text/plain").status == 415)
        #expect(try await server.invoke(#"{"inputs": "\#(String(repeating: "x", count: 2000))"}"#).status == 413)
        // Still serving after every refusal, and no request text in the log.
        #expect(try await server.invoke(#"{"inputs": "fine"}"#).status == 200)
        #expect(!server.log.contains(secret))

        let metrics = try await server.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"adeaug_serve_requests_total{path="/invocations",status="400"}"#))
        #expect(metrics.body.contains("adeaug_serve_batch_sentences_bucket"))
        #expect(metrics.body.contains("adeaug_serve_request_duration_seconds_bucket"))
        #expect(metrics.body.contains("adeaug_serve_queue_depth"))
    }

    @Test func sameScoresAsPredict() async throws {
        let sentence = "rash after aspirin"
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("serve-predict-\(UUID().uuidString).txt")
        try (sentence + "\n").write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let predicted = try AdeaugExecutable.run(["predict", "--model", ServeProcess.tinyModel, "--max-length", "16", input.path])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let record = try JSONSerialization.jsonObject(with: Data(predicted.stdout.utf8)) as? [String: Any]
        let probability = try #require(record?["probability"] as? Double)

        let server = try ServeProcess()
        try await server.waitUntilReady()
        let answer = try await server.invoke(#"{"inputs": "\#(sentence)", "parameters": {"top_k": 2}}"#)
        let labels = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [[String: Any]]
        let served = labels?.first { $0["label"] as? String == "Adverse_Event" }?["score"] as? Double
        #expect(served == probability)
    }

    @Test func overloadAnswers429WithRetryAfter() async throws {
        let server = try ServeProcess(["--max-queued-requests", "1", "--batch-wait-milliseconds", "1000"])
        try await server.waitUntilReady()
        // A queue of one is full only while a pass runs: each request carries enough sentences
        // that its pass outlasts the others' arrival (one sentence each on the tiny model took
        // under a millisecond, and the requests then often came one after another, all 200).
        let sentences = "[" + (0..<3000).map { #""sentence \#($0)""# }.joined(separator: ", ") + "]"
        let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let answer = try await server.invoke(#"{"inputs": \#(sentences)}"#)
                    return (answer.status, answer.headers["retry-after"])
                }
            }
            var statuses: [(Int, String?)] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
        #expect(statuses.contains { $0.0 == 200 })
        #expect(statuses.contains { $0.0 == 429 && $0.1 != nil })
        #expect(statuses.allSatisfy { $0.0 == 200 || $0.0 == 429 })
    }
}
