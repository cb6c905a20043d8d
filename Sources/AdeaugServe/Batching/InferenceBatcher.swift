import Dispatch

/// Gathers the sentences of concurrent requests into shared forward passes: the first waiting
/// request waits a few milliseconds for others, then whole requests go through the model
/// together up to `maxBatchSentences` sentences and `maxBatchTokens` padded tokens, so a burst
/// of single-sentence requests costs about one batch and a pass of long sentences stays short.
public actor InferenceBatcher {
    struct Waiting {
        var encoded: [[Int32]]
        var continuation: CheckedContinuation<Result<[[Float]], InvocationError>, Never>
    }

    let budget: BatchBudget
    let batchWait: Duration
    let maxQueuedRequests: Int
    let metrics: ServeMetrics
    /// Forward passes run here, one at a time, off Swift's cooperative threads (they block).
    let forwardQueue = DispatchQueue(label: "adeaug.serve.forward")
    private var classifier: (any TextClassifier)?
    private var waiting: [Waiting] = []
    private var draining = false

    public init(settings: ServeSettings, metrics: ServeMetrics) {
        budget = BatchBudget(maxSentences: settings.maxBatchSentences, maxTokens: settings.maxBatchTokens)
        batchWait = .milliseconds(settings.batchWaitMilliseconds)
        maxQueuedRequests = settings.maxQueuedRequests
        self.metrics = metrics
    }

    /// Makes the model available; until then requests get `.notReady` and /ping 503.
    public func install(_ classifier: any TextClassifier) { self.classifier = classifier }

    public var isReady: Bool { classifier != nil }
    public var labelNames: [String] { classifier?.labelNames ?? [] }

    /// Every class's probability for each text, in order.
    public func classify(_ texts: [String]) async throws(InvocationError) -> [[Float]] {
        guard let classifier else { throw .notReady }
        guard waiting.count < maxQueuedRequests else { throw .overloaded(queued: waiting.count) }
        let encoded = texts.map(classifier.encode)
        let result = await withCheckedContinuation { continuation in
            waiting.append(Waiting(encoded: encoded, continuation: continuation))
            metrics.recordQueueDepth(waiting.count)
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
        return try result.get()
    }

    private func drain() async {
        while !waiting.isEmpty {
            if !budget.isFull(waiting.map(\.encoded)) && batchWait > .zero {
                try? await Task.sleep(for: batchWait)
            }
            let batch = waiting.prefix(budget.admitted(waiting.map(\.encoded)))
            waiting.removeFirst(batch.count)
            metrics.recordQueueDepth(waiting.count)
            let encoded = batch.flatMap(\.encoded)
            metrics.recordBatch(sentences: encoded.count, requests: batch.count)
            let probabilities = await forward(encoded)
            var start = 0
            for request in batch {
                request.continuation.resume(returning: .success(Array(probabilities[start..<(start + request.encoded.count)])))
                start += request.encoded.count
            }
        }
        draining = false
    }

    private func forward(_ encoded: [[Int32]]) async -> [[Float]] {
        guard let classifier else { return encoded.map { _ in [] } }
        return await withCheckedContinuation { continuation in
            forwardQueue.async { continuation.resume(returning: classifier.probabilities(encoded: encoded)) }
        }
    }
}
