/// Counts of a run in progress, for the progress bar and the summary.
public struct GenerationProgress: Sendable, Codable {
    /// Candidates counted towards the target (all runs in this workspace, this class).
    public var accepted = 0
    public var target = 0
    /// Candidates dropped by generation's filters or by a screen, this run.
    public var rejected = 0
    /// Requests given up on (retries exhausted) or refused as invalid (400/422), this run.
    public var failed = 0
    public var answered = 0
    public var attempts = 0
    public var retries = 0
    public var throttled = 0
    public var inFlight = 0
    public var concurrencyLimit = 0
    public var tokens = 0
    public var latencyP50Milliseconds = 0.0
    public var latencyP95Milliseconds = 0.0
    public var elapsedSeconds = 0.0

    /// One line for stderr: `[#####.....] 42/100 accepted · 7 rejected · 1 failed · …`.
    public var line: String {
        let width = 20
        let filled = target > 0 ? min(width, accepted * width / target) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        return "[\(bar)] \(accepted)/\(target) accepted · \(rejected) rejected · \(failed) failed · \(answered) answered · \(inFlight)/\(concurrencyLimit) in flight · \(tokens) tokens · p50 \(Int(latencyP50Milliseconds)) ms p95 \(Int(latencyP95Milliseconds)) ms"
    }
}
