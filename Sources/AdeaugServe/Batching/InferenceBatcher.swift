import Dispatch

/// Gathers the sentences of concurrent requests into shared forward passes: the first waiting
/// request waits a few milliseconds for others, then up to `maxBatchSentences` go through the
/// model together, so a burst of single-sentence requests costs about one batch.
public actor InferenceBatcher {
    struct Waiting {
        var texts: [String]
        var continuation: CheckedContinuation<Result<[[Float]], InvocationError>, Never>
    }

    let maxBatchSentences: Int
    let batchWait: Duration
    let maxQueuedRequests: Int
    let metrics: ServeMetrics
    /// Forward passes run here, one at a time, off Swift's cooperative threads (they block).
    let forwardQueue = DispatchQueue(label: "adeaug.serve.forward")
    private var classifier: (any TextClassifier)?
    private var waiting: [Waiting] = []
    private var draining = false

    public init(settings: ServeSettings, metrics: ServeMetrics) {
        maxBatchSentences = settings.maxBatchSentences
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
        guard classifier != nil else { throw .notReady }
        guard waiting.count < maxQueuedRequests else { throw .overloaded(queued: waiting.count) }
        let result = await withCheckedContinuation { continuation in
            waiting.append(Waiting(texts: texts, continuation: continuation))
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
            if waiting.reduce(0, { $0 + $1.texts.count }) < maxBatchSentences && batchWait > .zero {
                try? await Task.sleep(for: batchWait)
            }
            let batch = takeBatch()
            metrics.recordQueueDepth(waiting.count)
            let texts = batch.flatMap(\.texts)
            metrics.recordBatch(sentences: texts.count, requests: batch.count)
            let probabilities = await forward(texts)
            var start = 0
            for request in batch {
                request.continuation.resume(returning: .success(Array(probabilities[start..<(start + request.texts.count)])))
                start += request.texts.count
            }
        }
        draining = false
    }

    /// Whole requests, oldest first, up to the sentence budget (one larger request goes alone).
    private func takeBatch() -> [Waiting] {
        var batch: [Waiting] = []
        var sentences = 0
        while let next = waiting.first, batch.isEmpty || sentences + next.texts.count <= maxBatchSentences {
            batch.append(waiting.removeFirst())
            sentences += next.texts.count
        }
        return batch
    }

    private func forward(_ texts: [String]) async -> [[Float]] {
        guard let classifier else { return texts.map { _ in [] } }
        return await withCheckedContinuation { continuation in
            forwardQueue.async { continuation.resume(returning: classifier.probabilities(texts)) }
        }
    }
}
