import AdeaugTransport

/// Why generation cannot go on, worded as what the user must fix.
public enum GenerationError: Error, CustomStringConvertible, Equatable {
    case invalidURL(url: String, reason: String)
    case httpClient(String)
    case missingToken(String)
    case invalidOption(String)
    case template(String)
    case noExamples(String)
    case testExampleOffered(exampleID: Int64)
    case endpointNotReady(String)
    case endpointRefused(String)
    case storage(String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "Cannot use the endpoint URL \(url): \(reason)."
        case .httpClient(let message): message
        case .missingToken(let message): message
        case .invalidOption(let message): message
        case .template(let message): message
        case .noExamples(let message): message
        case .testExampleOffered(let id):
            "Example \(id) is in the test split; few-shot examples must come from the training split only."
        case .endpointNotReady(let message): message
        case .endpointRefused(let message): message
        case .storage(let message): "Workspace error: \(message)"
        }
    }

    /// The transport's refusal, as generation has always reported it.
    public init(_ error: HTTPClientError) {
        switch error {
        case .invalidURL(let url, let reason): self = .invalidURL(url: url, reason: reason)
        case .libcurl(let message): self = .httpClient(message)
        }
    }
}
