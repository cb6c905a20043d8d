/// Why the HTTP client cannot send a request, worded as what the user must fix. (A request
/// that was sent and failed on the way is a `TransportError` in its `HTTPResult` instead.)
public enum HTTPClientError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A URL that `URLPolicy` refuses; `url` is a placeholder when it may hold credentials.
    case invalidURL(url: String, reason: String)
    /// libcurl could not be set up, or refused a transfer.
    case libcurl(String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "Cannot use the endpoint URL \(url): \(reason)."
        case .libcurl(let message): message
        }
    }
}
