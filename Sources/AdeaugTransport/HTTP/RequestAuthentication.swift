/// How a request proves who sends it. Secrets live only here and in libcurl's handle: they
/// are never part of a request's stored body, a log line or an error message.
public enum RequestAuthentication: Sendable, CustomStringConvertible {
    case none
    /// `Authorization: Bearer TOKEN` (Hugging Face Inference Endpoints, hosted OpenAI-compatible servers).
    case bearer(token: String)
    /// AWS Signature Version 4, computed by libcurl (`CURLOPT_AWS_SIGV4`).
    case awsSigV4(AWSSigning)

    public var description: String {
        switch self {
        case .none: "none"
        case .bearer: "bearer token (hidden)"
        case .awsSigV4(let signing): "AWS SigV4 \(signing.region)/\(signing.service) (credentials hidden)"
        }
    }
}
