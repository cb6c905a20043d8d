import Testing

@testable import AdeaugTransport

@Suite struct URLAndRetryPolicyTests {
    @Test func plainHTTPOnlyToLoopbackUnlessAllowed() throws {
        let strict = URLPolicy(allowInsecureHTTP: false)
        try strict.check("http://127.0.0.1:8091/v1/completions")
        try strict.check("http://localhost:80")
        try strict.check("http://[::1]:8080/generate")
        try strict.check("https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/e/invocations")
        #expect(throws: HTTPClientError.self) { try strict.check("http://10.0.0.5:8080/generate") }
        #expect(throws: HTTPClientError.self) { try strict.check("http://127.0.0.1.evil.example/") }
        #expect(throws: HTTPClientError.self) { try strict.check("ftp://127.0.0.1/") }
        #expect(throws: HTTPClientError.self) { try strict.check("https://user:secret@host/") }
        // Refused without being quoted, also where the password keeps the URL from parsing.
        for url in ["https://user:secret@host/", "https://AKIDEXAMPLE:se/cret@host/x", "https://hfTOKENxyz%2Fen@host/"] {
            do {
                try strict.check(url)
                Issue.record("\(url) was accepted")
            } catch {
                #expect(!error.description.contains("secret") && !error.description.contains("se/cret") && !error.description.contains("hfTOKENxyz"))
            }
        }
        try URLPolicy(allowInsecureHTTP: true).check("http://10.0.0.5:8080/generate")
    }

    @Test func backoffGrowsWithJitterAndHonoursRetryAfter() {
        var policy = RetryPolicy()
        policy.baseDelaySeconds = 1
        policy.maximumDelaySeconds = 8
        var random = SeededRandom(seed: 1)
        for attempt in 1...6 {
            let delay = policy.delay(afterAttempt: attempt, retryAfterSeconds: nil, random: &random)
            let ceiling = min(8, Double(1 << (attempt - 1)))
            #expect(delay >= ceiling / 2 && delay <= ceiling)
        }
        #expect(policy.delay(afterAttempt: 1, retryAfterSeconds: 5, random: &random) == 5)
        #expect(policy.delay(afterAttempt: 1, retryAfterSeconds: 100_000, random: &random) == policy.maximumRetryAfterSeconds)
        #expect(policy.mayRetry(afterAttempt: 4) && !policy.mayRetry(afterAttempt: 5))
    }
}
