/// Requests waiting to be sent again, each with the instant it may go.
struct RetryQueue {
    private var entries: [(due: ContinuousClock.Instant, job: RequestJob)] = []

    /// The earliest instant a waiting request may go; nil when none waits.
    var nextDue: ContinuousClock.Instant? { entries.map(\.due).min() }

    mutating func add(_ job: RequestJob, due: ContinuousClock.Instant) {
        entries.append((due, job))
    }

    /// Takes out the request that has waited longest past its due instant, if one is due at `now`.
    mutating func takeDue(at now: ContinuousClock.Instant) -> RequestJob? {
        guard let index = entries.indices.min(by: { entries[$0].due < entries[$1].due }), entries[index].due <= now
        else { return nil }
        return entries.remove(at: index).job
    }
}
