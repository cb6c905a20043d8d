import Foundation

/// How a run ended and what it produced.
public struct GenerationSummary: Sendable, Codable {
    public enum StopReason: String, Sendable, Codable {
        case targetReached = "target_reached"
        case maxRequests = "max_requests"
        case noProgress = "no_progress"
        case endpointDown = "endpoint_down"
        case fatalError = "fatal_error"
        case budgetSpent = "budget_spent"
    }

    public var generationRunID: Int64
    public var stopReason: StopReason
    /// What happened, in words the user can act on.
    public var message: String
    public var progress: GenerationProgress
    /// Candidates counted towards the target in this run.
    public var acceptedThisRun: Int
    /// Requests skipped because an earlier run already had their answer.
    public var alreadyAnswered: Int
    /// Requests refused as invalid (400/422) this run.
    public var invalidRequests: Int
    /// Why candidates were dropped, by reason.
    public var rejectedByReason: [String: Int]
    /// A few accepted sentences.
    public var samples: [String]
    /// Tokens (and money, with prices) spent by every run of this class so far, per accepted sentence.
    public var cost: String?

    public var text: String {
        var lines = [
            "generate: \(message)",
            "  accepted \(progress.accepted)/\(progress.target) (\(acceptedThisRun) this run), \(progress.rejected) candidates rejected, \(progress.failed) requests failed (\(invalidRequests) invalid)",
            "  \(progress.attempts) attempts, \(progress.answered) answered, \(alreadyAnswered) answered before, \(progress.retries) retries, \(progress.throttled) throttled, \(progress.tokens) tokens",
            "  latency p50 \(Int(progress.latencyP50Milliseconds)) ms, p95 \(Int(progress.latencyP95Milliseconds)) ms, \(String(format: "%.1f", progress.elapsedSeconds)) s",
        ]
        if !rejectedByReason.isEmpty {
            lines.append("  rejected: " + rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if let cost { lines.append("  " + cost) }
        for sample in samples { lines.append("  + \(sample)") }
        return lines.joined(separator: "\n")
    }
}
