import Hummingbird

/// The SageMaker container contract's routes, plus /metrics; each answer is counted by route
/// and status.
enum ServeRouter {
    static func make(batcher: InferenceBatcher, metrics: ServeMetrics, maxBodyBytes: Int) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let invocations = InvocationsHandler(batcher: batcher, maxBodyBytes: maxBodyBytes)
        router.get("ping") { _, _ in
            await measured("/ping", metrics) {
                await batcher.isReady ? Response(status: .ok) : Response(status: .serviceUnavailable)
            }
        }
        router.post("invocations") { request, _ in
            await measured("/invocations", metrics) { await invocations.respond(to: request) }
        }
        router.get("metrics") { _, _ in
            await measured("/metrics", metrics) {
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                         body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
            }
        }
        return router
    }

    static func measured(_ path: String, _ metrics: ServeMetrics, _ respond: () async -> Response) async -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = await respond()
        metrics.recordRequest(path: path, status: response.status.code, duration: clock.now - start)
        return response
    }
}
