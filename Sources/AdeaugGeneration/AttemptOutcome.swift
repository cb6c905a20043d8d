import AdeaugTransport

/// What one HTTP attempt means for its request.
public enum AttemptOutcome: Sendable, Hashable {
    case success
    /// 429, SageMaker throttling or ModelNotReady: cut concurrency, back off, retry.
    case throttled
    /// Timeouts, connection errors, 5xx, unreadable answers: back off and retry.
    case retryable
    /// 400/422 validation errors: the same request would fail again; recorded, never retried.
    case rejected
    /// 401/403/404, TLS or URL problems: nothing will work until the user fixes something.
    case fatal

    /// Classifies one attempt by its status and error body.
    public static func classify(_ result: HTTPResult, parseFailed: Bool = false) -> AttemptOutcome {
        if let error = result.transportError {
            return error.kind == .configuration ? .fatal : .retryable
        }
        switch result.status {
        case 200..<300:
            return parseFailed ? .retryable : .success
        case 429:
            return .throttled
        case 408, 500, 502, 503, 504:
            return .retryable
        case 401, 403, 404, 405:
            return .fatal
        case 424:
            // SageMaker ModelError: judge by what the container itself answered.
            let details = Endpoint.errorDetails(result.body)
            switch details.originalStatus {
            case 429?: return .throttled
            case let status? where status >= 500: return .retryable
            default: return .rejected
            }
        case 400:
            // SageMaker has reported throttling as 400 ThrottlingException.
            return result.bodyText.contains("ThrottlingException") ? .throttled : .rejected
        default:
            return result.status >= 500 ? .retryable : .rejected
        }
    }
}
