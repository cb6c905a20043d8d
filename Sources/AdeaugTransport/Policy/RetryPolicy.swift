/// How often and how long to wait before trying a request again.
///
/// Exponential backoff with "equal jitter": attempt n waits between half and all of
/// `base · 2^(n-1)` (capped), so that requests failing together do not come back together, yet
/// never retry immediately. A server's `Retry-After` is a floor, not a suggestion.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// Attempts per request, the first included.
    public var maximumAttempts: Int = 5
    public var baseDelaySeconds: Double = 0.5
    public var maximumDelaySeconds: Double = 30
    /// A `Retry-After` above this is treated as this (a server asking for an hour is not obeyed blindly).
    public var maximumRetryAfterSeconds: Double = 120

    public init() {}

    /// Seconds to wait before attempt `attempt + 1`, after `attempt` attempts failed.
    public func delay(afterAttempt attempt: Int, retryAfterSeconds: Int?, random: inout SeededRandom) -> Double {
        let exponential = min(maximumDelaySeconds, baseDelaySeconds * Double(1 << min(max(attempt - 1, 0), 30)))
        let jittered = exponential / 2 + random.unit() * exponential / 2
        let floor = retryAfterSeconds.map { min(Double($0), maximumRetryAfterSeconds) } ?? 0
        return max(jittered, floor)
    }

    public func mayRetry(afterAttempt attempt: Int) -> Bool { attempt < maximumAttempts }
}
