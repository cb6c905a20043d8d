import AdeaugCore
import AdeaugGenerationFixtures
import Foundation
import Testing

@testable import AdeaugGeneration

@Suite struct EndpointTests {
    func json(_ request: HTTPRequest) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func tgiRequestAlwaysSamplesAndNeverEchoesThePrompt() throws {
        let endpoint = Endpoint(kind: .tgi, url: "http://127.0.0.1:8080")
        #expect(endpoint.url == "http://127.0.0.1:8080/generate")
        #expect(Endpoint(kind: .tgi, url: "https://x.endpoints.huggingface.cloud/").url == "https://x.endpoints.huggingface.cloud/")
        var parameters = GenerationParameters()
        parameters.stop = ["###", "\n\n"]
        let body = try json(endpoint.request(prompt: "P \"q\"\n", parameters: parameters, seed: 99))
        #expect(body["inputs"] as? String == "P \"q\"\n")
        let p = try #require(body["parameters"] as? [String: Any])
        #expect(p["do_sample"] as? Bool == true)
        #expect(p["return_full_text"] as? Bool == false)
        #expect(p["max_new_tokens"] as? Int == 64)
        #expect(p["seed"] as? Int == 99)
        #expect((p["top_p"] as? Double).map { $0 < 1 } == true)
        #expect(p["temperature"] as? Double == 0.8)
        #expect(p["stop"] as? [String] == ["###", "\n\n"])
    }

    @Test func openAIRequestsSendModelAndMaxTokens() throws {
        let completions = Endpoint(kind: .openai, url: "http://127.0.0.1:8091", model: "falcon-7b")
        #expect(completions.url == "http://127.0.0.1:8091/v1/completions")
        let body = try json(completions.request(prompt: "P", parameters: GenerationParameters(), seed: 1))
        #expect(body["model"] as? String == "falcon-7b")
        #expect(body["max_tokens"] as? Int == 64)
        #expect(body["prompt"] as? String == "P")
        let chat = Endpoint(kind: .openaiChat, url: "http://127.0.0.1:8091/v1")
        #expect(chat.url == "http://127.0.0.1:8091/v1/chat/completions")
        let chatBody = try json(chat.request(prompt: "P", parameters: GenerationParameters(), seed: 1))
        let messages = try #require(chatBody["messages"] as? [[String: Any]])
        #expect(messages.first?["content"] as? String == "P")
        #expect(chatBody["max_tokens"] as? Int == 64)
    }

    @Test func readsEveryResponseShape() throws {
        let tgi = Endpoint(kind: .tgi, url: "http://127.0.0.1:1")
        let object = try tgi.parse(Array(#"{"generated_text":"x y","details":{"finish_reason":"length","generated_tokens":5}}"#.utf8))
        #expect(object == Completion(text: "x y", finishReason: "length", generatedTokens: 5))
        #expect(object.wasTruncated)
        #expect(try tgi.parse(Array(#"[{"generated_text":"z"}]"#.utf8)).text == "z")
        #expect(throws: ResponseParseError.self) { try tgi.parse(Array("{not json".utf8)) }
        let chat = Endpoint(kind: .openaiChat, url: "http://127.0.0.1:1")
        let answer = try chat.parse(Array(#"{"choices":[{"message":{"role":"assistant","content":"c"},"finish_reason":"stop"}],"usage":{"completion_tokens":3}}"#.utf8))
        #expect(answer == Completion(text: "c", finishReason: "stop", generatedTokens: 3))
        let completions = Endpoint(kind: .openai, url: "http://127.0.0.1:1")
        #expect(try completions.parse(Array(#"{"choices":[{"text":"t","finish_reason":"length"}]}"#.utf8)).wasTruncated)
    }

    @Test func unwrapsSageMakerModelErrorsAndClassifiesStatuses() {
        let inner = #"{\"error\":\"Input validation error: `top_p` must be > 0.0 and < 1.0\",\"error_type\":\"validation\"}"#
        let body = Array(#"{"ErrorCode":"CLIENT_ERROR_FROM_MODEL","LogStreamArn":"arn","Message":"Received client error (422) from primary","OriginalMessage":"\#(inner)","OriginalStatusCode":422}"#.utf8)
        let details = Endpoint.errorDetails(body)
        #expect(details.message.hasPrefix("Input validation error"))
        #expect(details.originalStatus == 422)
        func result(_ status: Int, _ body: String = "{}") -> HTTPResult {
            HTTPResult(tag: 0, status: status, body: Array(body.utf8), retryAfterSeconds: nil, transportError: nil, latencySeconds: 0)
        }
        #expect(AttemptOutcome.classify(result(424, String(decoding: body, as: UTF8.self))) == .rejected)
        #expect(AttemptOutcome.classify(result(424, #"{"OriginalStatusCode":503,"OriginalMessage":"busy"}"#)) == .retryable)
        #expect(AttemptOutcome.classify(result(429)) == .throttled)
        #expect(AttemptOutcome.classify(result(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)) == .throttled)
        #expect(AttemptOutcome.classify(result(400)) == .rejected)
        #expect(AttemptOutcome.classify(result(422)) == .rejected)
        #expect(AttemptOutcome.classify(result(503)) == .retryable)
        #expect(AttemptOutcome.classify(result(401)) == .fatal)
        #expect(AttemptOutcome.classify(result(200), parseFailed: true) == .retryable)
        #expect(Endpoint.errorDetails(Array(#"{"error":{"message":"bad model","type":"invalid_request_error"}}"#.utf8)).message == "bad model")
    }

    @Test func sageMakerURLAndSignedRequest() {
        #expect(Endpoint.sageMakerURL(endpointName: "falcon-7b", region: "eu-west-1") == "https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/falcon-7b/invocations")
        let signing = AWSSigning(region: "eu-west-1", credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
        let request = Endpoint(kind: .sagemaker, url: "https://x", authentication: .awsSigV4(signing)).request(prompt: "p", parameters: GenerationParameters(), seed: 1)
        #expect(!request.headers.contains { $0.hasPrefix("Expect") })
    }
}
