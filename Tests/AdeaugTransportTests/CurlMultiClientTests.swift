import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugTransport

@Suite struct CurlMultiClientTests {
    @Test func keepsAFixedNumberInFlightOverKeptAliveConnections() throws {
        let server = try LoopbackServer { request in .json(200, #"{"generated_text":"\#(request.path)"}"#) }
        defer { server.stop() }
        let client = try CurlMultiClient(maximumConnections: 8)
        var tags: Set<Int> = []
        var started = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while tags.count < 400 && ContinuousClock.now < deadline {
            while started < 400 && client.inFlight < 8 {
                try client.start(HTTPRequest(method: .post, url: server.baseURL + "/r\(started)", body: Array("{}".utf8)), tag: started)
                started += 1
            }
            #expect(client.inFlight <= 8)
            for result in client.wait(milliseconds: 1000) {
                #expect(result.status == 200)
                // CURLOPT_PRIVATE brought each answer back to its own request.
                #expect(result.bodyText.contains("/r\(result.tag)\""))
                tags.insert(result.tag)
            }
        }
        #expect(tags.count == 400)
        #expect(server.connectionsAccepted <= 8)
    }

    @Test func refusesPlainHTTPToOtherHostsBeforeSendingAnything() throws {
        let client = try CurlMultiClient()
        #expect(throws: HTTPClientError.self) { try client.start(HTTPRequest(method: .get, url: "http://192.0.2.1/generate"), tag: 0) }
        #expect(client.inFlight == 0)
    }

    @Test func retryAfterIsReadFromTheAnswer() throws {
        let server = try LoopbackServer { _ in .json(429, #"{"error":"overloaded"}"#, headers: ["Retry-After: 7"]) }
        defer { server.stop() }
        let client = try CurlMultiClient()
        try client.start(HTTPRequest(method: .get, url: server.baseURL + "/generate"), tag: 1)
        var results: [HTTPResult] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while results.isEmpty && ContinuousClock.now < deadline { results = client.wait(milliseconds: 1000) }
        try #require(results.count == 1, "no answer within 30 s")
        #expect(results[0].status == 429 && results[0].retryAfterSeconds == 7)
    }
}
