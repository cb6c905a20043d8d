/// Why a run stops, in words the user can act on.
struct RunStop {
    var reason: GenerationSummary.StopReason
    var message: String

    /// Whether answers still in flight are awaited and stored before the run ends: they are
    /// paid for and may hold candidates. Not after a fatal answer or a dead endpoint.
    var awaitsRequestsInFlight: Bool { reason == .targetReached || reason == .noProgress }
}
