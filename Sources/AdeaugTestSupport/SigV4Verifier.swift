/// An independent SigV4 computation (AWS's published algorithm), used only to check the
/// signature libcurl puts on AWS requests (SageMaker, KMS).
public struct SigV4Verifier: Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var region: String
    public var service: String

    public init(accessKeyID: String, secretAccessKey: String, region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    public struct Signed {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
    }

    /// - Parameter headers: lower-case name → value, exactly the signed headers.
    public func sign(method: String, path: String, query: String = "", headers: [String: String], body: [UInt8], amzDate: String) -> Signed {
        let names = headers.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(Self.trimmed(headers[$0]!))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalRequest = [method, path, query, canonicalHeaders, signedHeaders, SHA256.hex(SHA256.hash(body))].joined(separator: "\n")
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, SHA256.hex(SHA256.hash(Array(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SHA256.hmac(key: Array("AWS4\(secretAccessKey)".utf8), message: Array(day.utf8))
        for part in [region, service, "aws4_request"] { key = SHA256.hmac(key: key, message: Array(part.utf8)) }
        let signature = SHA256.hex(SHA256.hmac(key: key, message: Array(stringToSign.utf8)))
        return Signed(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    /// Header values are trimmed and inner runs of spaces folded to one.
    public static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
