/// A stored request on its way out (again).
struct RequestJob {
    var requestID: Int64
    var plan: PlannedRequest
    /// Attempts already made, by this run and earlier ones.
    var attempts: Int
}
