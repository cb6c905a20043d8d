@testable import AdeaugServe
import Hummingbird
import HummingbirdTesting
import Testing

/// The routes in process, with a fake model installed when the test says so.
@Suite struct ServeRouterTests {
    @Test func pingIs503UntilTheModelIsInstalled() async throws {
        let metrics = ServeMetrics()
        let batcher = InferenceBatcher(settings: ServeSettings(), metrics: metrics)
        let app = Application(router: ServeRouter.make(batcher: batcher, metrics: metrics, maxBodyBytes: 1000))
        try await app.test(.router) { client in
            try await client.execute(uri: "/ping", method: .get) { #expect($0.status == .serviceUnavailable) }
            let body = ByteBuffer(string: #"{"inputs": "a"}"#)
            try await client.execute(uri: "/invocations", method: .post, headers: [.contentType: "application/json"], body: body) {
                #expect($0.status == .serviceUnavailable && $0.headers[.retryAfter] != nil)
            }
            await batcher.install(CountingClassifier())
            try await client.execute(uri: "/ping", method: .get) { #expect($0.status == .ok && $0.body.readableBytes == 0) }
            try await client.execute(uri: "/invocations", method: .post, headers: [.contentType: "application/json"], body: body) {
                #expect($0.status == .ok)
                // The fake gives class 1 a probability of length / 100: "a" is Not_AE.
                #expect(String(buffer: $0.body).hasPrefix(#"[{"label":"Not_AE","score":0.99"#))
            }
            try await client.execute(uri: "/metrics", method: .get) {
                #expect(String(buffer: $0.body).contains(#"adeaug_serve_requests_total{path="/ping",status="503"} 1"#))
            }
        }
    }
}
