import Prometheus

/// The endpoint's Prometheus metrics: requests by status, latency, forward-pass batch sizes,
/// queue depth. One registry per server, passed in (no global metrics system).
public struct ServeMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let latency: DurationHistogram
    let batchSentences: ValueHistogram
    let batchRequests: ValueHistogram
    let queueDepth: Gauge
    let stages: [Stage: DurationHistogram]

    /// Where a request's time goes inside the server (the rest is HTTP, JSON and scheduling).
    enum Stage: String, CaseIterable, Sendable {
        /// Tokenizing a request's sentences.
        case tokenize
        /// From queued to its forward pass starting (gathering others, or a pass in progress).
        case wait
        /// One forward pass, per pass.
        case forward
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        latency = registry.makeDurationHistogram(
            name: "adeaug_serve_request_duration_seconds",
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)],
            help: "Time from request to answer, every route and status.")
        let sizes: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        batchSentences = registry.makeValueHistogram(name: "adeaug_serve_batch_sentences", buckets: sizes, help: "Sentences per forward pass.")
        batchRequests = registry.makeValueHistogram(name: "adeaug_serve_batch_requests", buckets: sizes, help: "Requests sharing one forward pass.")
        queueDepth = registry.makeGauge(name: "adeaug_serve_queue_depth", help: "Requests waiting for a forward pass.")
        let stageBuckets: [Duration] = [
            .microseconds(100), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        ]
        stages = Dictionary(uniqueKeysWithValues: Stage.allCases.map { stage in
            (stage, registry.makeDurationHistogram(
                name: "adeaug_serve_stage_seconds", labels: [("stage", stage.rawValue)], buckets: stageBuckets,
                help: "Time in each stage: tokenize and wait per request, forward per pass."))
        })
    }

    func recordStage(_ stage: Stage, _ duration: Duration) { stages[stage]?.record(duration) }

    func recordRequest(path: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "adeaug_serve_requests_total", labels: [("path", path), ("status", String(status))],
            help: "Requests answered, by route and HTTP status.").increment()
        latency.record(duration)
    }

    func recordBatch(sentences: Int, requests: Int) {
        batchSentences.record(Double(sentences))
        batchRequests.record(Double(requests))
    }

    func recordQueueDepth(_ depth: Int) { queueDepth.set(Double(depth)) }

    /// The text exposition format, for GET /metrics.
    public func render() -> String { registry.emitToString() }
}
