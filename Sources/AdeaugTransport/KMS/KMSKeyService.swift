import AdeaugCore
import Foundation

/// Data keys from AWS KMS (`GenerateDataKey` / `Decrypt`), for envelope encryption: KMS
/// returns a fresh AES-256 key and the same key wrapped under a master key that never leaves
/// KMS; adeaug stores only the wrapped key (`CiphertextBlob`) and asks KMS to unwrap it when a
/// command needs the data.
///
/// Requests go through the transport's libcurl client and are signed by libcurl with
/// SigV4 (`AWSSigning`, service `kms`): `POST /` with the AWS JSON 1.1 protocol
/// (`Content-Type: application/x-amz-json-1.1`, `X-Amz-Target: TrentService.OPERATION`).
/// Calls block: a command asks for its key once. 5xx, throttling and network failures are
/// retried with backoff (`retry`); refusals are not.
///
/// Secrets: the key pair lives in libcurl's handle (the secret never travels, only the
/// signature); errors and `description` never hold a credential, a signature or key material.
/// The answer's bytes, the decoded `Plaintext` and the buffers in between are zeroed once the
/// `EncryptionKey` is built (libcurl's own receive buffer is beyond reach).
public struct KMSKeyService: EnvelopeKeyService, CustomStringConvertible {
    /// Overrides the endpoint (tests, VPC endpoints) when no endpoint is passed.
    public static let endpointVariable = "ADEAUG_KMS_ENDPOINT"

    public let region: String
    /// The URL requests are posted to (its path, normally `/`, as given).
    public let endpoint: String
    public var auditURL: String { endpoint }
    let credentials: AWSCredentials
    /// KMS answers in milliseconds; these bound a dead network, not a slow service.
    public var timeouts = HTTPTimeouts(connectMilliseconds: 5_000, totalMilliseconds: 30_000)
    public var retry = KMSKeyService.defaultRetry

    /// Three attempts, 0.5 s then about 1 s apart; a `Retry-After` up to 10 s is obeyed.
    public static var defaultRetry: RetryPolicy {
        var policy = RetryPolicy()
        policy.maximumAttempts = 3
        policy.baseDelaySeconds = 0.5
        policy.maximumDelaySeconds = 4
        policy.maximumRetryAfterSeconds = 10
        return policy
    }

    /// `https://kms.REGION.amazonaws.com/`.
    public static func defaultEndpoint(region: String) -> String { "https://kms.\(region).amazonaws.com/" }

    /// - Parameter endpoint: overrides `$ADEAUG_KMS_ENDPOINT`, which overrides the regional
    ///   endpoint. `https://` (certificates always verified), or `http://` to loopback only.
    public init(
        region: String, credentials: AWSCredentials, endpoint: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KMSError) {
        guard !region.isEmpty, region.count <= 32,
            region.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
        else {
            throw .invalidConfiguration("\"\(region)\" is not an AWS region name (such as eu-west-1).")
        }
        self.region = region
        self.credentials = credentials
        if let endpoint, !endpoint.isEmpty {
            self.endpoint = try Self.checkedEndpoint(endpoint, source: "the KMS endpoint")
        } else if let variable = environment[Self.endpointVariable], !variable.isEmpty {
            self.endpoint = try Self.checkedEndpoint(variable, source: "$\(Self.endpointVariable)")
        } else {
            self.endpoint = try Self.checkedEndpoint(Self.defaultEndpoint(region: region), source: "the KMS endpoint")
        }
    }

    /// A service with credentials read the way the AWS CLI reads them (`AWSCredentials.load`)
    /// and the region from `region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`.
    public static func load(
        region: String?, profile: String? = nil, endpoint: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KMSError) -> KMSKeyService {
        let nonEmpty = { (value: String?) in value.flatMap { $0.isEmpty ? nil : $0 } }
        guard let region = nonEmpty(region) ?? nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"]) else {
            throw .invalidConfiguration("AWS KMS needs a region: pass --region REGION (the key's region) or set AWS_REGION.")
        }
        let credentials: AWSCredentials
        do {
            credentials = try AWSCredentials.load(profile: profile, environment: environment)
        } catch {
            switch error {
            case .missing(let message): throw .missingCredentials(message)
            }
        }
        return try KMSKeyService(region: region, credentials: credentials, endpoint: endpoint, environment: environment)
    }

    public var description: String { "KMSKeyService(\(region), \(endpoint), \(credentials))" }

    // MARK: - EnvelopeKeyService

    public func generateDataKey(masterKeyID: String) throws(KMSError) -> (key: EncryptionKey, wrapped: [UInt8]) {
        try Self.check(keyID: masterKeyID)
        var body = JSONWriter()
        body.beginObject()
        body.string("KeyId", masterKeyID)
        body.string("KeySpec", "AES_256")
        body.endObject()
        let operation = "GenerateDataKey"
        var answer = try call(operation, keyID: masterKeyID, body: body.bytes)
        defer { answer.zero() }
        guard let blob = answer["CiphertextBlob"] else {
            throw .unexpectedAnswer(operation: operation, reason: "it has no CiphertextBlob (the wrapped key)")
        }
        guard let wrapped = KMSSecretBytes.base64Decode(blob), !wrapped.isEmpty else {
            throw .unexpectedAnswer(operation: operation, reason: "its CiphertextBlob (the wrapped key) is not base64 or is empty")
        }
        return (try Self.key(from: answer, operation: operation), wrapped)
    }

    public func unwrap(_ wrapped: [UInt8], masterKeyID: String) throws(KMSError) -> EncryptionKey {
        try Self.check(keyID: masterKeyID)
        guard !wrapped.isEmpty else { throw .invalidConfiguration("The wrapped data key is empty: there is nothing for KMS to decrypt.") }
        var body = JSONWriter()
        body.beginObject()
        body.string("CiphertextBlob", Data(wrapped).base64EncodedString())
        body.string("KeyId", masterKeyID)
        body.endObject()
        let operation = "Decrypt"
        var answer = try call(operation, keyID: masterKeyID, body: body.bytes)
        defer { answer.zero() }
        return try Self.key(from: answer, operation: operation)
    }

    // MARK: - Requests

    /// Sends `body` until KMS answers with a JSON object, a refusal, or the attempts run out.
    private func call(_ operation: String, keyID: String, body: [UInt8]) throws(KMSError) -> KMSAnswer {
        var random = SeededRandom(seed: UInt64.random(in: .min ... .max))
        var attempt = 0
        while true {
            attempt += 1
            var result = try send(operation, body: body)
            defer { KMSSecretBytes.zero(&result.body) }
            let failure: KMSError
            if let transport = result.transportError {
                failure = transportFailure(transport, operation: operation, attempts: attempt)
                if transport.kind == .configuration { throw failure }
            } else if (200..<300).contains(result.status) {
                // Never quoted: a damaged answer may still hold the plaintext key.
                guard let answer = KMSAnswer(json: result.body) else {
                    throw .notJSON(operation: operation, status: result.status, byteCount: result.body.count, excerpt: nil, attempts: attempt)
                }
                return answer
            } else {
                failure = errorAnswer(result, operation: operation, keyID: keyID, attempts: attempt)
                if !failure.isTransient { throw failure }
            }
            guard retry.mayRetry(afterAttempt: attempt) else { throw failure }
            let delay = retry.delay(afterAttempt: attempt, retryAfterSeconds: result.retryAfterSeconds, random: &random)
            Thread.sleep(forTimeInterval: delay)
        }
    }

    /// One request on a client of its own, released before returning so that the caller holds
    /// the only reference to the answer's bytes (and zeroes the buffer itself, not a copy).
    private func send(_ operation: String, body: [UInt8]) throws(KMSError) -> HTTPResult {
        let request = HTTPRequest(
            method: .post, url: endpoint,
            headers: ["Content-Type: application/x-amz-json-1.1", "X-Amz-Target: TrentService.\(operation)"],
            body: body,
            authentication: .awsSigV4(AWSSigning(region: region, service: "kms", credentials: credentials)),
            timeouts: timeouts)
        let client: CurlMultiClient
        do {
            client = try CurlMultiClient(maximumConnections: 1)
            try client.start(request, tag: 0)
        } catch {
            throw .invalidConfiguration("Cannot send a request to AWS KMS: \(error)")
        }
        // libcurl's own timeouts end the transfer first; this only guards against a stuck loop.
        let limit = timeouts.connectMilliseconds + timeouts.totalMilliseconds + 5_000
        let deadline = ContinuousClock.now + .milliseconds(limit)
        while ContinuousClock.now < deadline {
            if let result = client.wait(milliseconds: 250).first { return result }
        }
        return HTTPResult(
            tag: 0, status: 0, body: [], retryAfterSeconds: nil,
            transportError: TransportError(kind: .timeout, curlCode: 28, message: "no answer within \(limit / 1000) s"),
            latencySeconds: Double(limit) / 1000)
    }

    private func transportFailure(_ error: TransportError, operation: String, attempts: Int) -> KMSError {
        switch error.kind {
        case .timeout:
            let seconds = Double(timeouts.totalMilliseconds) / 1000
            return .noAnswer(
                operation: operation, endpoint: endpoint,
                reason: "timed out (\(error.message); the limit is \(String(format: "%g", seconds)) s)", attempts: attempts)
        case .connection where [52, 56, 18].contains(error.curlCode):
            // Empty reply, connection reset or cut mid-answer: the request may have arrived.
            return .noAnswer(operation: operation, endpoint: endpoint, reason: error.description, attempts: attempts)
        case .connection, .configuration:
            return .unreachable(operation: operation, endpoint: endpoint, reason: error.description, attempts: attempts)
        }
    }

    /// A non-2xx answer: KMS's `{"__type": …, "message": …}` when it is one.
    private func errorAnswer(_ result: HTTPResult, operation: String, keyID: String, attempts: Int) -> KMSError {
        if var answer = KMSAnswer(json: result.body), let rawType = answer.text("__type"), !rawType.isEmpty {
            defer { answer.zero() }
            // "com.amazonaws.kms#AccessDeniedException" or "AccessDeniedException".
            let type = String(rawType.split(separator: "#").last ?? Substring(rawType))
            let message = answer.text("message") ?? answer.text("Message") ?? ""
            return .refused(
                operation: operation, keyID: keyID, status: result.status, type: clean(type, limit: 100),
                message: clean(message, limit: 400), attempts: attempts)
        }
        return .notJSON(
            operation: operation, status: result.status, byteCount: result.body.count,
            excerpt: clean(String(decoding: result.body.prefix(400), as: UTF8.self), limit: 200), attempts: attempts)
    }

    /// Server text made fit for an error message: no secret, session token or signature (a
    /// proxy may echo the request), no control characters, at most `limit` characters.
    private func clean(_ text: String, limit: Int) -> String {
        var text = text
        for secret in [credentials.secretAccessKey, credentials.sessionToken ?? ""] where secret.count >= 4 {
            text = text.replacingOccurrences(of: secret, with: "[hidden]")
        }
        text = text.replacingOccurrences(of: "Signature=[0-9A-Fa-f]+", with: "Signature=[hidden]", options: .regularExpression)
        text = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
            .trimmingCharacters(in: .whitespaces)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    // MARK: - Checks

    private static func key(from answer: KMSAnswer, operation: String) throws(KMSError) -> EncryptionKey {
        guard let text = answer["Plaintext"] else {
            throw .unexpectedAnswer(operation: operation, reason: "it has no Plaintext (the data key)")
        }
        guard var bytes = KMSSecretBytes.base64Decode(text) else {
            throw .unexpectedAnswer(operation: operation, reason: "its Plaintext (the data key) is not base64")
        }
        defer { KMSSecretBytes.zero(&bytes) }
        guard bytes.count == EncryptionKey.byteCount else { throw .wrongKeyLength(operation: operation, byteCount: bytes.count) }
        do {
            return try EncryptionKey(bytes: bytes)
        } catch {
            throw .wrongKeyLength(operation: operation, byteCount: bytes.count)
        }
    }

    private static func check(keyID: String) throws(KMSError) {
        guard !keyID.isEmpty, keyID.utf8.count <= 2048, !keyID.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw .invalidConfiguration(
                "A KMS key id must be a key id, key ARN, alias name (alias/NAME) or alias ARN, 1 to 2048 characters.")
        }
    }

    private static func checkedEndpoint(_ url: String, source: String) throws(KMSError) -> String {
        // Checked before parsing: `user:pass@host` with a "/" in the password does not parse as
        // a URL at all, and an unparsable URL would otherwise be quoted. No KMS URL needs an "@".
        if url.contains("@") {
            throw .invalidConfiguration(
                "Cannot use \(source) (not shown: it has an \"@\", so it may hold credentials): AWS credentials come from the environment or a profile, never the URL.")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw .invalidConfiguration("Cannot use \(source) \(url): it is not an absolute https:// URL.")
        }
        if components.query != nil || components.fragment != nil {
            throw .invalidConfiguration("Cannot use \(source) \(url): KMS requests are posted to a path without a query string.")
        }
        if scheme == "http" && !URLPolicy.isLoopback(host) {
            throw .invalidConfiguration(
                "Cannot use \(source) \(url): plain http:// is allowed only to 127.0.0.1, ::1 or localhost; KMS needs https://.")
        }
        do {
            try URLPolicy(allowInsecureHTTP: false).check(url)
        } catch {
            throw .invalidConfiguration("Cannot use \(source): \(error)")
        }
        return components.path.isEmpty ? url + "/" : url
    }
}
