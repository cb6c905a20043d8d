/// Additive-increase / multiplicative-decrease control of how many requests are in flight.
///
/// A throttling answer halves the limit (once per round trip: a burst of 429s from one window
/// of requests is one signal, not many); every success adds `1/limit`, so the limit grows by
/// about one per window of successes until it is back at the configured maximum.
public struct ConcurrencyLimiter: Sendable, Hashable {
    public let maximum: Int
    public private(set) var limit: Double
    /// Requests started before this sequence number belong to the window that was already cut.
    private var cutSequence = -1
    public private(set) var cuts = 0

    public init(maximum: Int) {
        precondition(maximum >= 1)
        self.maximum = maximum
        limit = Double(maximum)
    }

    /// How many requests may be in flight now.
    public var allowed: Int { max(1, Int(limit)) }

    public mutating func recordSuccess() {
        limit = min(Double(maximum), limit + 1 / limit)
    }

    /// - Parameters:
    ///   - startedSequence: the sequence number at which the throttled request was started.
    ///   - currentSequence: the next sequence number to be given to a request.
    public mutating func recordThrottle(startedSequence: Int, currentSequence: Int) {
        guard startedSequence > cutSequence else { return }
        limit = max(1, limit / 2)
        cutSequence = currentSequence - 1
        cuts += 1
    }
}
