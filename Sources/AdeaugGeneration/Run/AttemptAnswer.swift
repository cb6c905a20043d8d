import AdeaugTransport

/// What one attempt brought back, read through the endpoint: the completion when there is
/// one, what the attempt means for its request, and the error worth recording when it failed.
struct AttemptAnswer {
    /// The first completion, carrying the tokens of all of them (what the response row stores).
    var completion: Completion?
    /// The other completions of a request that asked for several (`n`, `best_of`).
    var moreCompletions: [Completion] = []
    var outcome: AttemptOutcome
    /// Nil on success; else the transport error, the parse error, or the status with the server's message.
    var errorText: String?

    init(_ result: HTTPResult, endpoint: Endpoint) {
        var parseError: String?
        if result.transportError == nil, (200..<300).contains(result.status) {
            do throws(ResponseParseError) {
                let all = try endpoint.parseAll(result.body)
                completion = all[0]
                moreCompletions = Array(all.dropFirst())
                let tokens = all.compactMap(\.generatedTokens)
                completion?.generatedTokens = tokens.isEmpty ? nil : tokens.reduce(0, +)
            } catch {
                parseError = error.message
            }
        }
        outcome = AttemptOutcome.classify(result, parseFailed: parseError != nil)
        errorText = switch outcome {
        case .success: nil
        case _ where result.transportError != nil: result.transportError!.description
        case _ where parseError != nil: parseError
        default: "HTTP \(result.status): \(Endpoint.errorDetails(result.body).message)"
        }
    }
}
