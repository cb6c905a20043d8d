/// Where a stored request stands.
///
/// The raw values are the strings `generation_requests.status` holds (its CHECK constraint in
/// `GenerationSchema` lists the same four), so workspaces written before this type read back.
enum RequestStatus: String, Sendable, CaseIterable {
    /// Stored and not answered yet: new, waiting for a retry, or left by a fatal answer.
    case pending
    /// Answered with a completion; its candidates are stored with the answer.
    case answered
    /// Refused as invalid (400/422): the same bytes would be refused again.
    case rejected
    /// Retries ran out in this run; a later run tries it again.
    case failed

    /// Whether a resumed run skips the request: it has its answer, or can never get one.
    var isSettled: Bool { self == .answered || self == .rejected }

    /// The status an attempt with `outcome` leaves its request in.
    init(after outcome: AttemptOutcome, willRetry: Bool) {
        switch outcome {
        case .success: self = .answered
        case .rejected: self = .rejected
        // Nothing was wrong with the request itself: once the user fixes the setting, it goes again.
        case .fatal: self = .pending
        case .throttled, .retryable: self = willRetry ? .pending : .failed
        }
    }
}
