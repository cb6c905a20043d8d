import Dispatch
import Logging

/// Gathers the sentences of concurrent requests into shared forward passes: when the model is
/// free, the oldest waiting request waits up to `batchWaitMilliseconds` for others, then whole
/// requests go through the model together up to `maxBatchSentences` sentences and
/// `maxBatchTokens` padded tokens, so a burst of single-sentence requests costs about one batch
/// and a pass of long sentences stays short. Requests arriving during a pass wait for it and go
/// in the next one.
///
/// The wait ends early once as many requests wait as the last pass answered: clients answered
/// together tend to come back together, so a lone client (the last pass answered one) waits for
/// nobody, and 64 clients are gathered as soon as all 64 are back. The wait is counted from the
/// later of the oldest request's arrival and the end of the last pass: a request that arrived
/// during a pass would otherwise find its time already up and go alone, just before the clients
/// that pass answered came back (at 8 clients, passes alternated between 1 and 7 requests).
public actor InferenceBatcher {
    struct Waiting {
        var encoded: [[Int32]]
        var arrived: ContinuousClock.Instant
        var continuation: CheckedContinuation<Result<[[Float]], InvocationError>, Never>
    }

    let budget: BatchBudget
    let batchWait: Duration
    let maxQueuedRequests: Int
    let metrics: ServeMetrics
    let logger: Logger?
    let clock = ContinuousClock()
    /// Forward passes run here, one at a time, off Swift's cooperative threads (they block).
    let forwardQueue = DispatchQueue(label: "adeaug.serve.forward")
    private var classifier: (any TextClassifier)?
    private var waiting: [Waiting] = []
    private var draining = false
    /// Requests the last pass answered: how many the next one expects before its wait is up.
    /// Unknown at first, so the first pass waits the whole time.
    private var expectedRequests: Int
    /// Set while the drain loop waits for others to join a pass; resumed (once) when enough
    /// have, or when the oldest request has waited `batchWait`.
    private var gathering: CheckedContinuation<Void, Never>?
    /// Counts waits, so a timer left from an earlier wait cannot end a later one.
    private var gatheringRound = 0
    /// When the last forward pass ended: the clients it answered come back from then on.
    private var lastPassEnded: ContinuousClock.Instant?

    public init(settings: ServeSettings, metrics: ServeMetrics, logger: Logger? = nil) {
        budget = BatchBudget(maxSentences: settings.maxBatchSentences, maxTokens: settings.maxBatchTokens)
        batchWait = .milliseconds(settings.batchWaitMilliseconds)
        maxQueuedRequests = settings.maxQueuedRequests
        expectedRequests = settings.maxQueuedRequests
        self.metrics = metrics
        self.logger = logger
    }

    /// Makes the model available; until then requests get `.notReady` and /ping 503.
    public func install(_ classifier: any TextClassifier) { self.classifier = classifier }

    public var isReady: Bool { classifier != nil }
    public var labelNames: [String] { classifier?.labelNames ?? [] }

    /// Every class's probability for each text, in order.
    public func classify(_ texts: [String]) async throws(InvocationError) -> [[Float]] {
        guard let classifier else { throw .notReady }
        guard waiting.count < maxQueuedRequests else { throw .overloaded(queued: waiting.count) }
        let started = clock.now
        let encoded = texts.map(classifier.encode)
        metrics.recordStage(.tokenize, clock.now - started)
        let result = await withCheckedContinuation { continuation in
            waiting.append(Waiting(encoded: encoded, arrived: clock.now, continuation: continuation))
            metrics.recordQueueDepth(waiting.count)
            if waiting.count >= expectedRequests || budget.isFull(waiting.map(\.encoded)) { endGathering() }
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
        return try result.get()
    }

    private func drain() async {
        while !waiting.isEmpty {
            await gather()
            let batch = waiting.prefix(budget.admitted(waiting.map(\.encoded)))
            waiting.removeFirst(batch.count)
            metrics.recordQueueDepth(waiting.count)
            let encoded = batch.flatMap(\.encoded)
            let passStart = clock.now
            for request in batch { metrics.recordStage(.wait, passStart - request.arrived) }
            metrics.recordBatch(sentences: encoded.count, requests: batch.count)
            let probabilities = await forward(encoded)
            let passEnded = clock.now
            lastPassEnded = passEnded
            let forwardTime = passEnded - passStart
            metrics.recordStage(.forward, forwardTime)
            logger?.debug("""
                forward pass: \(batch.count) requests, \(encoded.count) sentences, \(encoded.reduce(0) { $0 + $1.count }) tokens, \
                oldest waited \(Self.milliseconds(passStart - batch[batch.startIndex].arrived)) ms, \
                forward \(Self.milliseconds(forwardTime)) ms, \(waiting.count) waiting
                """)
            expectedRequests = batch.count
            var start = 0
            for request in batch {
                request.continuation.resume(returning: .success(Array(probabilities[start..<(start + request.encoded.count)])))
                start += request.encoded.count
            }
        }
        draining = false
    }

    /// Waits, while fewer requests wait than the last pass answered and the budget has room,
    /// until `batchWait` after the oldest arrived or the last pass ended, whichever is later.
    private func gather() async {
        guard let oldest = waiting.first, waiting.count < expectedRequests, !budget.isFull(waiting.map(\.encoded)) else { return }
        let deadline = max(oldest.arrived, lastPassEnded ?? oldest.arrived) + batchWait
        guard deadline > clock.now else { return }
        gatheringRound += 1
        let round = gatheringRound
        await withCheckedContinuation { continuation in
            gathering = continuation
            Task {
                try? await Task.sleep(until: deadline, clock: clock)
                endGathering(round: round)
            }
        }
    }

    /// Ends the current wait; with `round`, only if it is still that one.
    private func endGathering(round: Int? = nil) {
        if let round, round != gatheringRound { return }
        gathering?.resume()
        gathering = nil
    }

    private func forward(_ encoded: [[Int32]]) async -> [[Float]] {
        guard let classifier else { return encoded.map { _ in [] } }
        return await withCheckedContinuation { continuation in
            forwardQueue.async { continuation.resume(returning: classifier.probabilities(encoded: encoded)) }
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String((Double(seconds) * 10_000 + Double(attoseconds) / 1e14).rounded() / 10)
    }
}
