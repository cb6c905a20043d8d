import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugTransport

/// `KMSKeyService` against a fake KMS on a loopback server: the requests it sends (target,
/// content type, SigV4 for service `kms`, JSON body), the round trip, and every failure it
/// must name without leaking a credential or the data key.
@Suite struct KMSKeyServiceTests {
    static let accessKeyID = "AKIDEXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let sessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN"
    static let keyID = "alias/adeaug-test"
    static let region = "eu-west-1"
    /// The data key the fake KMS hands out, and its wrapped form.
    static let plaintext: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    static let plaintextBase64 = Data(plaintext).base64EncodedString()
    static let wrapped: [UInt8] = Array("kms-wrapped:".utf8) + (0..<40).map { UInt8($0 * 3) }
    static let wrappedBase64 = Data(wrapped).base64EncodedString()

    static func credentials(token: String? = nil) -> AWSCredentials {
        AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token)
    }

    /// A service posting to `server`, with short timeouts and quick retries.
    static func service(_ server: LoopbackServer, token: String? = nil) throws -> KMSKeyService {
        var service = try KMSKeyService(region: region, credentials: credentials(token: token), endpoint: server.baseURL + "/", environment: [:])
        // Generous: the machine running the tests may be busy; only the hang test waits for a timeout.
        service.timeouts = HTTPTimeouts(connectMilliseconds: 5_000, totalMilliseconds: 10_000)
        service.retry.baseDelaySeconds = 0.01
        service.retry.maximumDelaySeconds = 0.05
        return service
    }

    /// What a real KMS answers to a well-formed request of either operation.
    static func fakeKMS(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: String] ?? [:]
        let arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        switch request.headers["x-amz-target"] {
        case "TrentService.GenerateDataKey":
            return .json(200, #"{"CiphertextBlob":"\#(wrappedBase64)","KeyId":"\#(arn)","Plaintext":"\#(plaintextBase64)"}"#)
        case "TrentService.Decrypt":
            guard body["CiphertextBlob"] == wrappedBase64 else {
                return .json(400, #"{"__type":"InvalidCiphertextException","message":null}"#)
            }
            return .json(200, #"{"EncryptionAlgorithm":"SYMMETRIC_DEFAULT","KeyId":"\#(arn)","Plaintext":"\#(plaintextBase64)"}"#)
        default:
            return .json(400, #"{"__type":"UnknownOperationException"}"#)
        }
    }

    static func bytes(of key: EncryptionKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    /// Neither the secret, the session token nor the data key (as base64) is in `text`.
    static func expectNoSecrets(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!text.contains(secret), "secret access key in: \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains(sessionToken), "session token in: \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains(plaintextBase64), "plaintext key in: \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains(String(plaintextBase64.prefix(16))), "part of the plaintext key in: \(text)", sourceLocation: sourceLocation)
    }

    /// Runs `body`, expecting a `KMSError`, and checks that its description leaks nothing.
    static func failure(sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> KMSError? {
        do {
            try body()
            Issue.record("expected a KMSError", sourceLocation: sourceLocation)
            return nil
        } catch let error as KMSError {
            expectNoSecrets(error.description, sourceLocation: sourceLocation)
            expectNoSecrets(String(describing: error), sourceLocation: sourceLocation)
            expectNoSecrets(String(reflecting: error), sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected a KMSError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    // MARK: - Round trip and what is sent

    @Test(arguments: [nil, sessionToken] as [String?])
    func generateAndUnwrapRoundTripWithSignedRequests(token: String?) throws {
        let log = RequestLog()
        let server = try LoopbackServer { request in
            log.append(request)
            return Self.fakeKMS(request)
        }
        defer { server.stop() }
        let service = try Self.service(server, token: token)

        let (key, wrapped) = try service.generateDataKey(masterKeyID: Self.keyID)
        #expect(Self.bytes(of: key) == Self.plaintext)
        #expect(wrapped == Self.wrapped)
        let unwrapped = try service.unwrap(wrapped, masterKeyID: Self.keyID)
        #expect(Self.bytes(of: unwrapped) == Self.plaintext)
        #expect(unwrapped.fingerprint == key.fingerprint)

        let requests = log.requests
        try #require(requests.count == 2)
        let expectedBodies: [[String: String]] = [
            ["KeyId": Self.keyID, "KeySpec": "AES_256"],
            ["CiphertextBlob": Self.wrappedBase64, "KeyId": Self.keyID],
        ]
        for (request, (operation, expectedBody)) in zip(requests, zip(["GenerateDataKey", "Decrypt"], expectedBodies)) {
            #expect(request.method == "POST")
            #expect(request.path == "/")
            #expect(request.headers["x-amz-target"] == "TrentService.\(operation)")
            #expect(request.headers["content-type"] == "application/x-amz-json-1.1")
            #expect(request.headers["x-amz-security-token"] == token)
            #expect(request.headers["expect"] == nil)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String])
            #expect(body == expectedBody)

            // Authorization: AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/kms/aws4_request, and the
            // signature an independent SigV4 implementation computes over what arrived.
            let authorization = try #require(request.headers["authorization"])
            let amzDate = try #require(request.headers["x-amz-date"])
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=\(Self.accessKeyID)/\(amzDate.prefix(8))/\(Self.region)/kms/aws4_request, "))
            let fields = Dictionary(uniqueKeysWithValues: authorization.dropFirst("AWS4-HMAC-SHA256 ".count)
                .components(separatedBy: ", ").map { part -> (String, String) in
                    let pieces = part.split(separator: "=", maxSplits: 1)
                    return (String(pieces[0]), String(pieces[1]))
                })
            let signedNames = try #require(fields["SignedHeaders"]).split(separator: ";").map(String.init)
            for name in ["host", "x-amz-date", "content-type", "x-amz-target"] {
                #expect(signedNames.contains(name), "\(name) is not signed")
            }
            #expect(signedNames.contains("x-amz-security-token") == (token != nil))
            var signedHeaders: [String: String] = [:]
            for name in signedNames {
                let value: String = try #require(request.headers[name], "signed header \(name) not sent")
                signedHeaders[name] = value
            }
            let verifier = SigV4Verifier(accessKeyID: Self.accessKeyID, secretAccessKey: Self.secret, region: Self.region, service: "kms")
            let expected = verifier.sign(method: "POST", path: "/", headers: signedHeaders, body: request.body, amzDate: amzDate)
            #expect(fields["Signature"] == expected.signature, "canonical request:\n\(expected.canonicalRequest)")
            #expect(!request.headers.values.contains { $0.contains(Self.secret) })
        }
    }

    @Test func jsonEscapesAndKeyOrderInAnswersAreRead() throws {
        // JSON may escape "/" and put members in any order, with other members around them.
        let escaped = Self.plaintextBase64.replacingOccurrences(of: "/", with: "\\/")
        let server = try LoopbackServer { _ in
            .json(200, #" { "KeyId" : "k\u00e9y", "Other": {"a": [1, 2.5e3, true, null, "x"]}, "Plaintext" : "\#(escaped)", "CiphertextBlob":"\#(Self.wrappedBase64)" } "#)
        }
        defer { server.stop() }
        let (key, wrapped) = try Self.service(server).generateDataKey(masterKeyID: Self.keyID)
        #expect(Self.bytes(of: key) == Self.plaintext)
        #expect(wrapped == Self.wrapped)
    }

    // MARK: - Refusals and retries

    @Test func accessDeniedIsNamedWithTypeAndMessageAndNotRetried() throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            _ = calls.next()
            return .json(400, #"{"__type":"AccessDeniedException","message":"User: arn:aws:iam::111122223333:user/analyst is not authorized to perform: kms:GenerateDataKey on resource: arn:aws:kms:eu-west-1:111122223333:key/1234abcd because no identity-based policy allows the kms:GenerateDataKey action"}"#)
        }
        defer { server.stop() }
        let service = try Self.service(server)
        let error = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: Self.keyID) })
        guard case .refused(let operation, let keyID, let status, let type, let message, let attempts) = error else {
            Issue.record("expected .refused, got \(error)")
            return
        }
        #expect(operation == "GenerateDataKey" && keyID == Self.keyID && status == 400 && attempts == 1)
        #expect(type == "AccessDeniedException")
        #expect(message.hasPrefix("User: arn:aws:iam::111122223333:user/analyst is not authorized"))
        #expect(error.description.contains("AccessDeniedException"))
        #expect(error.description.contains("is not authorized to perform: kms:GenerateDataKey"))
        #expect(error.description.contains("kms:GenerateDataKey on \(Self.keyID)"))
        #expect(!error.isTransient)
        #expect(calls.next() == 2, "a refusal must not be retried")
    }

    @Test func namespacedErrorTypesAreShortened() throws {
        let server = try LoopbackServer { _ in
            .json(400, #"{"__type":"com.amazonaws.kms#IncorrectKeyException","Message":"The key ID in the request does not identify a CMK that can perform this operation."}"#)
        }
        defer { server.stop() }
        let service = try Self.service(server)
        let error = try #require(Self.failure { _ = try service.unwrap(Self.wrapped, masterKeyID: "alias/other") })
        guard case .refused(let operation, _, _, let type, let message, _) = error else {
            Issue.record("expected .refused, got \(error)")
            return
        }
        #expect(operation == "Decrypt" && type == "IncorrectKeyException")
        #expect(message.hasPrefix("The key ID in the request"))
        #expect(error.description.contains("made under another KMS key than alias/other"))
    }

    @Test func serviceUnavailableIsRetriedThenSucceeds() throws {
        let calls = Counter()
        let server = try LoopbackServer { request in
            if calls.next() == 1 { return .json(503, #"{"__type":"KMSInternalException","message":"try again"}"#) }
            return Self.fakeKMS(request)
        }
        defer { server.stop() }
        let (key, _) = try Self.service(server).generateDataKey(masterKeyID: Self.keyID)
        #expect(Self.bytes(of: key) == Self.plaintext)
        #expect(calls.next() == 3, "one failed attempt and one retry")
    }

    @Test func throttlingIsRetriedThenSucceeds() throws {
        let calls = Counter()
        let server = try LoopbackServer { request in
            if calls.next() <= 2 { return .json(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#) }
            return Self.fakeKMS(request)
        }
        defer { server.stop() }
        let key = try Self.service(server).unwrap(Self.wrapped, masterKeyID: Self.keyID)
        #expect(Self.bytes(of: key) == Self.plaintext)
        #expect(calls.next() == 4)
    }

    @Test func persistentFailureStopsAfterTheLastAttemptAndSaysSo() throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            _ = calls.next()
            return .respond(status: 502, headers: ["Content-Type: text/html"], body: Array("<html><body>Bad gateway\r\nproxy</body></html>".utf8))
        }
        defer { server.stop() }
        let service = try Self.service(server)
        let error = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: Self.keyID) })
        guard case .notJSON(_, let status, _, let excerpt, let attempts) = error else {
            Issue.record("expected .notJSON, got \(error)")
            return
        }
        #expect(status == 502 && attempts == 3)
        #expect(excerpt == "<html><body>Bad gateway  proxy</body></html>")
        #expect(error.description.contains("after 3 attempts"))
        #expect(calls.next() == 4)
    }

    // MARK: - Unusable answers

    @Test func garbageAnswerIsNotJSONAndNeverQuoted() throws {
        // A 200 cut short in the middle: it holds the plaintext and must not be shown.
        let truncated = #"{"CiphertextBlob":"\#(Self.wrappedBase64)","Plaintext":"\#(Self.plaintextBase64)"#
        let server = try LoopbackServer { _ in .json(200, truncated) }
        defer { server.stop() }
        let service = try Self.service(server)
        let error = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: Self.keyID) })
        let expected = KMSError.notJSON(operation: "GenerateDataKey", status: 200, byteCount: truncated.utf8.count, excerpt: nil, attempts: 1)
        #expect(error == expected)
        #expect(!error.description.contains(Self.wrappedBase64))
    }

    @Test func answersWithoutTheFieldsAreNamed() throws {
        let answers = [
            #"{"KeyId":"k","Plaintext":"\#(Self.plaintextBase64)"}"#: "no CiphertextBlob",
            #"{"KeyId":"k","CiphertextBlob":"\#(Self.wrappedBase64)"}"#: "no Plaintext",
            #"{"CiphertextBlob":"\#(Self.wrappedBase64)","Plaintext":"not base64!"}"#: "Plaintext (the data key) is not base64",
            #"{"CiphertextBlob":"@@@@","Plaintext":"\#(Self.plaintextBase64)"}"#: "CiphertextBlob (the wrapped key) is not base64",
        ]
        for (answer, expected) in answers {
            let server = try LoopbackServer { _ in .json(200, answer) }
            defer { server.stop() }
            let service = try Self.service(server)
            let error = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: Self.keyID) })
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test(arguments: [16, 31, 33, 64])
    func plaintextOfTheWrongLengthIsRefused(length: Int) throws {
        let short = Data((0..<length).map { UInt8($0) }).base64EncodedString()
        let server = try LoopbackServer { _ in .json(200, #"{"KeyId":"k","Plaintext":"\#(short)"}"#) }
        defer { server.stop() }
        let service = try Self.service(server)
        let error = try #require(Self.failure { _ = try service.unwrap(Self.wrapped, masterKeyID: Self.keyID) })
        #expect(error == .wrongKeyLength(operation: "Decrypt", byteCount: length))
        #expect(error.description.contains("\(length)-byte data key"))
        #expect(!error.description.contains(short))
    }

    // MARK: - Network

    @Test func connectionRefusedIsUnreachableAfterRetries() throws {
        let closed = try LoopbackServer { _ in .drop }
        let url = closed.baseURL + "/"
        closed.stop()
        var service = try KMSKeyService(region: Self.region, credentials: Self.credentials(), endpoint: url, environment: [:])
        service.retry.baseDelaySeconds = 0.01
        let error = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: Self.keyID) })
        guard case .unreachable(let operation, let endpoint, _, let attempts) = error else {
            Issue.record("expected .unreachable, got \(error)")
            return
        }
        #expect(operation == "GenerateDataKey" && endpoint == url && attempts == 3)
        #expect(error.description.contains("Cannot reach AWS KMS at \(url)"))
        #expect(error.isTransient)
    }

    @Test func droppedConnectionIsNoAnswer() throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            _ = calls.next()
            return .drop
        }
        defer { server.stop() }
        let service = try Self.service(server)
        let error = try #require(Self.failure { _ = try service.unwrap(Self.wrapped, masterKeyID: Self.keyID) })
        guard case .noAnswer(let operation, _, _, let attempts) = error else {
            Issue.record("expected .noAnswer, got \(error)")
            return
        }
        #expect(operation == "Decrypt" && attempts == 3)
        #expect(calls.next() == 4)
    }

    @Test func hangingServerTimesOut() throws {
        let server = try LoopbackServer { _ in .hang }
        defer { server.stop() }
        var service = try Self.service(server)
        service.timeouts = HTTPTimeouts(connectMilliseconds: 1_000, totalMilliseconds: 300)
        service.retry.maximumAttempts = 2
        let started = ContinuousClock.now
        let error = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: Self.keyID) })
        #expect(ContinuousClock.now - started < .seconds(10))
        guard case .noAnswer(_, _, let reason, let attempts) = error else {
            Issue.record("expected .noAnswer, got \(error)")
            return
        }
        #expect(attempts == 2)
        #expect(reason.contains("timed out"))
    }

    // MARK: - Secrets

    @Test func echoedCredentialsAndSignaturesAreHiddenInErrors() throws {
        // A proxy that quotes the request back: the session token and signature are removed.
        let server = try LoopbackServer { request in
            let echoed = "token \(request.headers["x-amz-security-token"] ?? "") auth \(request.headers["authorization"] ?? "") secret \(Self.secret)"
            return .json(403, #"{"__type":"UnrecognizedClientException","message":"\#(echoed)"}"#)
        }
        defer { server.stop() }
        let service = try Self.service(server, token: Self.sessionToken)
        let error = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: Self.keyID) })
        #expect(error.description.contains("UnrecognizedClientException"))
        #expect(error.description.contains("Signature=[hidden]"))
        #expect(error.description.contains("Check the AWS credentials"))

        let plain = try LoopbackServer { _ in .respond(status: 500, body: Array("echo \(Self.secret) \(Self.sessionToken)".utf8)) }
        defer { plain.stop() }
        let error2 = try #require(Self.failure { _ = try Self.service(plain, token: Self.sessionToken).unwrap(Self.wrapped, masterKeyID: Self.keyID) })
        #expect(error2.description.contains("echo [hidden] [hidden]"))
    }

    @Test func descriptionsHideCredentials() throws {
        let service = try KMSKeyService(region: Self.region, credentials: Self.credentials(token: Self.sessionToken), environment: [:])
        for text in [service.description, String(describing: service), String(reflecting: service.description)] {
            Self.expectNoSecrets(text)
        }
        #expect(service.description.contains("…MPLE"))
    }

    // MARK: - Endpoint and settings

    @Test func endpointComesFromParameterThenEnvironmentThenRegion() throws {
        let credentials = Self.credentials()
        #expect(try KMSKeyService(region: "eu-west-1", credentials: credentials, environment: [:]).endpoint == "https://kms.eu-west-1.amazonaws.com/")
        let environment = [KMSKeyService.endpointVariable: "https://vpce-0abc.kms.eu-west-1.vpce.amazonaws.com"]
        #expect(try KMSKeyService(region: "eu-west-1", credentials: credentials, environment: environment).endpoint == "https://vpce-0abc.kms.eu-west-1.vpce.amazonaws.com/")
        #expect(try KMSKeyService(region: "eu-west-1", credentials: credentials, endpoint: "http://127.0.0.1:4566/", environment: environment).endpoint == "http://127.0.0.1:4566/")
        #expect(try KMSKeyService(region: "eu-west-1", credentials: credentials, endpoint: "http://localhost:8080", environment: [:]).endpoint == "http://localhost:8080/")
    }

    @Test func unsafeEndpointsAndBadSettingsAreRefused() throws {
        let credentials = Self.credentials()
        let refusedEndpoints = [
            "http://kms.eu-west-1.amazonaws.com/": "only to 127.0.0.1",
            "ftp://127.0.0.1/": "Cannot use",
            "kms.eu-west-1.amazonaws.com": "not an absolute https:// URL",
            "https://kms.eu-west-1.amazonaws.com/?Action=x": "without a query string",
        ]
        for (url, expected) in refusedEndpoints {
            let error = try #require(Self.failure { _ = try KMSKeyService(region: "eu-west-1", credentials: credentials, endpoint: url, environment: [:]) })
            #expect(error.description.contains(expected), "\(url): \(error)")
        }
        let fromEnvironment = try #require(Self.failure {
            _ = try KMSKeyService(region: "eu-west-1", credentials: credentials, environment: [KMSKeyService.endpointVariable: "http://10.0.0.5/"])
        })
        #expect(fromEnvironment.description.contains("$ADEAUG_KMS_ENDPOINT"))
        let withCredentials = try #require(Self.failure {
            _ = try KMSKeyService(region: "eu-west-1", credentials: credentials, endpoint: "https://AKID:\(Self.secret)@kms.example.com/", environment: [:])
        })
        #expect(withCredentials.description.contains("not shown"))
        #expect(!withCredentials.description.contains("AKID"))
        let simple = try #require(Self.failure {
            _ = try KMSKeyService(region: "eu-west-1", credentials: credentials, endpoint: "https://user:pass@kms.example.com/", environment: [:])
        })
        #expect(!simple.description.contains("pass"))

        for region in ["", "EU-WEST-1", "eu-west-1:x", "eu west"] {
            _ = try #require(Self.failure { _ = try KMSKeyService(region: region, credentials: credentials, environment: [:]) })
        }
        let service = try KMSKeyService(region: "eu-west-1", credentials: credentials, endpoint: "http://127.0.0.1:9/", environment: [:])
        let emptyKey = try #require(Self.failure { _ = try service.generateDataKey(masterKeyID: "") })
        #expect(emptyKey.description.contains("KMS key id"))
        let emptyBlob = try #require(Self.failure { _ = try service.unwrap([], masterKeyID: Self.keyID) })
        #expect(emptyBlob.description.contains("empty"))
    }

    @Test func loadReadsRegionAndCredentialsFromTheEnvironment() throws {
        let environment = [
            "AWS_ACCESS_KEY_ID": Self.accessKeyID, "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_REGION": "us-east-2",
        ]
        let service = try KMSKeyService.load(region: nil, environment: environment)
        #expect(service.region == "us-east-2" && service.endpoint == "https://kms.us-east-2.amazonaws.com/")
        #expect(try KMSKeyService.load(region: "ap-south-1", environment: environment).region == "ap-south-1")

        let noRegion = try #require(Self.failure { _ = try KMSKeyService.load(region: nil, environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "B"]) })
        #expect(noRegion.description.contains("--region"))
        let directory = TemporaryDirectory()
        let noCredentials = try #require(Self.failure {
            _ = try KMSKeyService.load(region: "eu-west-1", environment: ["HOME": directory.path, "AWS_SHARED_CREDENTIALS_FILE": directory.path + "/none"])
        })
        guard case .missingCredentials = noCredentials else {
            Issue.record("expected .missingCredentials, got \(noCredentials)")
            return
        }
        #expect(noCredentials.description.hasPrefix("No AWS credentials for KMS."))
    }

    // MARK: - Reading answers

    @Test func answerReaderAndBase64() {
        #expect(KMSAnswer(json: Array(#"{"a":"x\"y\\z\u0041\ud83d\ude00","b":1}"#.utf8))?.text("a") == "x\"y\\zA😀")
        for invalid in [#"{"a":"x"#, #"{"a":"x",}"#, #"["a"]"#, #"{"a":"x"} {"#, #"{"a":tru}"#, "", #"{"a":"\q"}"#, "{\"a\":\"\u{01}\"}"] {
            #expect(KMSAnswer(json: Array(invalid.utf8)) == nil, "\(invalid)")
        }
        for sample in [[], [0], [1, 2], [1, 2, 3], Array(0...255)] as [[UInt8]] {
            #expect(KMSSecretBytes.base64Decode(Array(Data(sample).base64EncodedString().utf8)) == sample)
        }
        for invalid in ["A", "AB=C", "A===", "AB C", "AB-_"] {
            #expect(KMSSecretBytes.base64Decode(Array(invalid.utf8)) == nil, "\(invalid)")
        }
        var secret: [UInt8] = [1, 2, 3]
        KMSSecretBytes.zero(&secret)
        #expect(secret.isEmpty)
    }
}
