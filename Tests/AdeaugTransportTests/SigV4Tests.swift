import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugTransport

/// SigV4 is computed by libcurl; these tests check (1) that the verifier reproduces AWS's
/// published known-answer vectors, and (2) that the Authorization header libcurl actually sends
/// for a SageMaker request is the signature the verifier computes from what arrived.
/// libcurl takes its date from the clock (a fixed date needs a debug build of curl), so (2)
/// signs with the request's own X-Amz-Date; (1) is what pins the algorithm to AWS's answers.
@Suite struct SigV4Tests {
    static let suite = SigV4Verifier(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region: "us-east-1", service: "service")

    @Test func verifierReproducesAWSTestSuitePostVanilla() {
        // aws-sig-v4-test-suite/post-vanilla: POST / with Host and X-Amz-Date, empty body.
        let signed = Self.suite.sign(
            method: "POST", path: "/", headers: ["host": "example.amazonaws.com", "x-amz-date": "20150830T123600Z"],
            body: [], amzDate: "20150830T123600Z")
        #expect(signed.canonicalRequest == "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(signed.stringToSign == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87")
        #expect(signed.signature == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    @Test func verifierReproducesAWSTestSuiteGetVanilla() {
        let signed = Self.suite.sign(
            method: "GET", path: "/", headers: ["host": "example.amazonaws.com", "x-amz-date": "20150830T123600Z"],
            body: [], amzDate: "20150830T123600Z")
        #expect(signed.signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test(arguments: [nil, "FwoGZXIvYXdzEXAMPLESESSIONTOKEN"] as [String?])
    func libcurlSignsSageMakerRequestsCorrectly(sessionToken: String?) throws {
        let log = RequestLog()
        let server = try LoopbackServer { request in
            log.append(request)
            return .json(200, #"[{"generated_text":" ok"}]"#)
        }
        defer { server.stop() }
        let credentials = AWSCredentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: sessionToken)
        // A request as generation writes one for SageMaker: JSON in and out, signed, no `Expect:`.
        let signed = HTTPRequest(
            method: .post, url: server.baseURL + "/endpoints/falcon-7b-instruct/invocations",
            headers: ["Content-Type: application/json", "Accept: application/json"],
            body: Array(#"{"inputs":"Sentence:","parameters":{"max_new_tokens":60,"seed":5}}"#.utf8),
            authentication: .awsSigV4(AWSSigning(region: "eu-west-1", credentials: credentials)))
        let client = try CurlMultiClient()
        try client.start(signed, tag: 1)
        var results: [HTTPResult] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while results.isEmpty && ContinuousClock.now < deadline { results = client.wait(milliseconds: 1000) }
        try #require(results.count == 1, "no answer within 30 s")
        #expect(results[0].status == 200)
        #expect(results[0].bodyText == #"[{"generated_text":" ok"}]"#)

        let request = try #require(log.requests.first)
        let authorization = try #require(request.headers["authorization"])
        let amzDate = try #require(request.headers["x-amz-date"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(amzDate.prefix(8))/eu-west-1/sagemaker/aws4_request, "))
        let fields = Dictionary(uniqueKeysWithValues: authorization.dropFirst("AWS4-HMAC-SHA256 ".count)
            .components(separatedBy: ", ").map { part -> (String, String) in
                let pieces = part.split(separator: "=", maxSplits: 1)
                return (String(pieces[0]), String(pieces[1]))
            })
        let signedNames = try #require(fields["SignedHeaders"]).split(separator: ";").map(String.init)
        #expect(signedNames.contains("host") && signedNames.contains("x-amz-date") && signedNames.contains("content-type"))
        #expect(signedNames.contains("x-amz-security-token") == (sessionToken != nil))
        #expect(request.headers["x-amz-security-token"] == sessionToken)
        #expect(request.headers["expect"] == nil)
        var signedHeaders: [String: String] = [:]
        for name in signedNames {
            let value: String = try #require(request.headers[name], "signed header \(name) not sent")
            signedHeaders[name] = value
        }
        let verifier = SigV4Verifier(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            region: "eu-west-1", service: "sagemaker")
        let expected = verifier.sign(
            method: "POST", path: "/endpoints/falcon-7b-instruct/invocations", headers: signedHeaders,
            body: request.body, amzDate: amzDate)
        #expect(fields["Signature"] == expected.signature, "canonical request:\n\(expected.canonicalRequest)")
        // The secret itself never travels.
        #expect(!request.headers.values.contains { $0.contains("wJalrXUtnFEMI") })
    }
}
