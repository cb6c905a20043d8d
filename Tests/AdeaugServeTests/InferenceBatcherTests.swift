import AdeaugServe
import Glibc
import Synchronization
import Testing

/// Counts forward passes; one token per character, class 1's probability is the sentence's
/// length / 100.
final class CountingClassifier: TextClassifier {
    let labelNames = ["Not_AE", "Adverse_Event"]
    let passes = Mutex<[Int]>([])

    func encode(_ text: String) -> [Int32] { Array(repeating: 0, count: text.count) }

    func probabilities(encoded: [[Int32]]) -> [[Float]] {
        passes.withLock { $0.append(encoded.count) }
        return encoded.map { let p = Float($0.count) / 100; return [1 - p, p] }
    }
}

/// A `CountingClassifier` whose passes take `passTime`, as a real model's do.
final class SlowClassifier: TextClassifier {
    let counting = CountingClassifier()
    let passTime: Duration
    init(passTime: Duration) { self.passTime = passTime }

    var labelNames: [String] { counting.labelNames }
    func encode(_ text: String) -> [Int32] { counting.encode(text) }

    func probabilities(encoded: [[Int32]]) -> [[Float]] {
        let (seconds, attoseconds) = passTime.components
        usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
        return counting.probabilities(encoded: encoded)
    }
}

@Suite struct InferenceBatcherTests {
    func batcher(wait: Int = 20, maxQueued: Int = 256, maxTokens: Int = ServeSettings().maxBatchTokens) -> InferenceBatcher {
        var settings = ServeSettings()
        settings.batchWaitMilliseconds = wait
        settings.maxBatchTokens = maxTokens
        settings.maxQueuedRequests = maxQueued
        return InferenceBatcher(settings: settings, metrics: ServeMetrics())
    }

    @Test func notReadyBeforeTheModelIsInstalled() async {
        let batcher = batcher()
        await #expect(throws: InvocationError.notReady) { try await batcher.classify(["a"]) }
    }

    @Test func concurrentRequestsShareForwardPasses() async throws {
        let batcher = batcher()
        let classifier = CountingClassifier()
        await batcher.install(classifier)
        let answers = try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            for i in 0..<32 { group.addTask { (i, try await batcher.classify([String(repeating: "x", count: i + 1)])) } }
            var answers: [Int: [[Float]]] = [:]
            for try await (i, probabilities) in group { answers[i] = probabilities }
            return answers
        }
        // Each request gets its own sentence's answer back.
        for i in 0..<32 { #expect(answers[i]?.first?[1] == Float(i + 1) / 100) }
        let passes = classifier.passes.withLock { $0 }
        #expect(passes.reduce(0, +) == 32)
        #expect(passes.count <= 4, "32 concurrent requests took \(passes.count) forward passes")
    }

    @Test func theTokenBudgetSplitsPassesOfLongSentences() async throws {
        // 8 sentences of 50 tokens: 400 padded tokens; a budget of 100 admits two per pass.
        let batcher = batcher(maxTokens: 100)
        let classifier = CountingClassifier()
        await batcher.install(classifier)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await batcher.classify([String(repeating: "x", count: 50)]) } }
            try await group.waitForAll()
        }
        let passes = classifier.passes.withLock { $0 }
        #expect(passes.reduce(0, +) == 8)
        #expect(passes.allSatisfy { $0 <= 2 }, "passes \(passes) exceed 100 padded tokens")
    }

    /// The wait for others ends once as many wait as the last pass answered: a lone client
    /// pays the batching wait once, not on every request.
    @Test func aLoneClientWaitsForNobodyOnceAPassHasShownItIsAlone() async throws {
        let batcher = batcher(wait: 1000)
        await batcher.install(CountingClassifier())
        let clock = ContinuousClock()
        let first = try await clock.measure { _ = try await batcher.classify(["a"]) }
        #expect(first >= .milliseconds(900), "the first request did not wait for others (\(first))")
        for _ in 0..<3 {
            let next = try await clock.measure { _ = try await batcher.classify(["b"]) }
            #expect(next < .milliseconds(500), "a lone client waited \(next)")
        }
    }

    /// A request that arrives during a pass waits for the clients that pass answered instead of
    /// going alone: 7 clients start together, an 8th during the first pass; passes used to
    /// alternate between 1 and 7 requests.
    @Test func aRequestArrivingDuringAPassWaitsForTheClientsItAnswered() async throws {
        let batcher = batcher(wait: 50)
        let classifier = SlowClassifier(passTime: .milliseconds(150))
        await batcher.install(classifier)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<8 {
                group.addTask {
                    if client == 7 { try await Task.sleep(for: .milliseconds(60)) }  // inside the first pass
                    for _ in 0..<6 { _ = try await batcher.classify(["a"]) }
                }
            }
            try await group.waitForAll()
        }
        let passes = classifier.counting.passes.withLock { $0 }
        #expect(passes.reduce(0, +) == 48)
        #expect(passes.count <= 8, "8 clients × 6 requests took passes of \(passes)")
    }

    @Test func moreWaitingThanTheQueueIsRefused() async throws {
        let batcher = batcher(wait: 200, maxQueued: 2)
        await batcher.install(CountingClassifier())
        let outcomes = await withTaskGroup(of: InvocationError?.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do { _ = try await batcher.classify(["a"]); return nil } catch { return error as? InvocationError }
                }
            }
            var outcomes: [InvocationError?] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.filter { $0 == nil }.count == 2)
        #expect(outcomes.filter { if case .overloaded = $0 { true } else { false } }.count == 3)
    }
}
