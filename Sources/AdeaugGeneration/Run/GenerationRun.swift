import AdeaugCore
import AdeaugTransport
import Foundation

/// One `adeaug generate` run in progress: what is in flight, what waits for a retry, what the
/// run has counted, and why it stops. `Generator` sets it up (plan, client, stored run row);
/// `execute` drives it until a stop condition.
///
/// Single-threaded on purpose: libcurl does the waiting, and one loop owning the state makes
/// retries, throttling and storage easy to follow.
struct GenerationRun {
    let workspace: Workspace
    let options: GenerationOptions
    let store: GenerationStore
    let audit: AuditTrail
    let planner: RequestPlanner
    let client: CurlMultiClient
    let runID: Int64
    let generationRunID: Int64
    let normalizer = TextNormalizer()
    let usageStore: UsageStore
    /// What every run of this class spent so far, in the budget's unit (0 without a budget).
    var spent = 0.0
    /// Estimated cost of each request in flight, by sequence: a request starts only when the
    /// spend, these and its own estimate stay within the budget.
    var reservations: [Int: Double] = [:]
    /// Set when the next request would take the spend past the budget.
    var budgetReached = false
    /// A new request the budget did not let start yet (stored as pending, not sent).
    var heldBack: RequestJob?

    /// Checks a candidate must also pass to count; they remember what they accepted.
    var screens: [any CandidateScreen]
    /// Every stored request by key: how a resumed run knows what it already paid for.
    var stored: [String: GenerationStore.StoredRequest]
    /// Normalised texts of the candidates that passed the filters, in any run (for duplicates).
    var seenTexts: Set<String>
    var counters = GenerationProgress()
    let acceptedAtStart: Int
    var limiter: ConcurrencyLimiter
    var random: SeededRandom
    var latencies = LatencySamples()
    var rejectedByReason: [String: Int] = [:]
    /// A few accepted sentences for the summary.
    var samples: [String] = []
    /// Requests sent and not answered yet, by the sequence number given to the client as tag.
    var inFlight: [Int: RequestJob] = [:]
    var retries = RetryQueue()
    /// Throttling concerns the endpoint: nothing starts before this instant.
    var pausedUntil = ContinuousClock.now
    var nextPlanIndex = 0
    var nextSequence = 0
    /// Requests of the plan skipped because an earlier run settled them.
    var alreadyAnswered = 0
    var invalidRequests = 0
    var consecutiveFailures = 0
    var lastFailure = ""
    var answeredWithoutProgress = 0
    var stop: RunStop?
    let started = ContinuousClock.now
    var lastProgress = ContinuousClock.now - .seconds(1)

    init(
        workspace: Workspace, options: GenerationOptions, store: GenerationStore, audit: AuditTrail,
        planner: RequestPlanner, client: CurlMultiClient, runID: Int64, generationRunID: Int64,
        screens: [any CandidateScreen]
    ) throws {
        self.workspace = workspace
        self.options = options
        self.store = store
        self.audit = audit
        self.planner = planner
        self.client = client
        self.runID = runID
        self.generationRunID = generationRunID
        self.screens = screens
        usageStore = try UsageStore(workspace: workspace)
        if let budget = options.budget {
            let totals = try usageStore.totals(label: options.label)
            spent = budget.spend(promptTokens: totals.promptTokens, completionTokens: totals.completionTokens)
        }
        stored = try store.requestsByKey()
        seenTexts = try store.acceptedNormalizedTexts(label: options.label)
        // Screens that remember what they accepted (duplicates among candidates) must know the
        // sentences earlier runs counted; their verdicts on them are not used again.
        if !screens.isEmpty {
            for text in try store.countedTexts(label: options.label) {
                for index in self.screens.indices { self.screens[index].remember(text) }
            }
        }
        counters.target = options.target
        counters.accepted = try store.countedCandidates(label: options.label)
        acceptedAtStart = counters.accepted
        limiter = ConcurrencyLimiter(maximum: options.concurrency)
        random = SeededRandom(seed: options.seed ^ 0x5EED)
        if counters.accepted >= options.target {
            stop = RunStop(
                reason: .targetReached,
                message: "The workspace already holds \(counters.accepted) accepted \(options.label.name) candidates (target \(options.target)).")
        }
    }

    /// Runs until a stop condition; `progress` is called after every batch of answers and
    /// `event` with notable happenings (throttling, retries), both on the calling thread.
    mutating func execute(progress: (GenerationProgress) -> Void, event: (String) -> Void) throws -> GenerationSummary {
        while true {
            let now = ContinuousClock.now
            if stop == nil && now >= pausedUntil { try startDueRequests(now: now) }
            if inFlight.isEmpty {
                if stopsWhenIdle() { break }
                sleepUntilSomethingIsDue(now: now)
                continue
            }
            if let stop, !stop.awaitsRequestsInFlight { break }
            let results = client.wait(milliseconds: 100)
            if !results.isEmpty {
                try workspace.database.transaction {
                    for result in results { try handle(result, event: event) }
                }
            }
            report(to: progress)
        }
        report(to: progress, force: true)
        let stop = stop ?? RunStop(reason: .maxRequests, message: "Stopped.")
        let summary = GenerationSummary(
            generationRunID: generationRunID, stopReason: stop.reason, message: stop.message, progress: counters,
            acceptedThisRun: counters.accepted - acceptedAtStart, alreadyAnswered: alreadyAnswered,
            invalidRequests: invalidRequests, rejectedByReason: rejectedByReason, samples: samples,
            cost: try GenerationCost(workspace: workspace, label: options.label, prices: options.prices).line)
        try store.finishRun(generationRunID, summary: summary)
        return summary
    }

    /// With nothing in flight: whether the run is over (stopped, target reached, cap spent).
    private mutating func stopsWhenIdle() -> Bool {
        if stop != nil { return true }
        if counters.accepted >= options.target {
            stop = RunStop(reason: .targetReached, message: "Reached the target: \(counters.accepted) accepted \(options.label.name) candidates.")
            return true
        }
        if budgetReached, let budget = options.budget {
            stop = RunStop(
                reason: .budgetSpent,
                message: "Stopped at the budget of \(budget.describe(budget.limit)) (spent \(budget.describe(spent))) with \(counters.accepted)/\(options.target) accepted; raise the budget and run again to go on.")
            return true
        }
        if let cap = options.maxRequests, counters.attempts >= cap {
            stop = RunStop(
                reason: .maxRequests,
                message: "Stopped at --max-requests \(cap) with \(counters.accepted)/\(options.target) accepted; run again (with a higher cap) to go on.")
            return true
        }
        return false
    }

    /// With nothing in flight: sleeps until the next retry or the end of a pause.
    private func sleepUntilSomethingIsDue(now: ContinuousClock.Instant) {
        let wake = min(retries.nextDue ?? now, max(pausedUntil, now))
        let next = max(wake, pausedUntil)
        if next > now { Thread.sleep(forTimeInterval: (next - now).inSeconds) }
    }

    /// Calls `progress` with the counters, at most every 200 ms unless `force`.
    private mutating func report(to progress: (GenerationProgress) -> Void, force: Bool = false) {
        let now = ContinuousClock.now
        guard force || now - lastProgress >= .milliseconds(200) else { return }
        lastProgress = now
        counters.inFlight = inFlight.count
        counters.concurrencyLimit = limiter.allowed
        counters.elapsedSeconds = (now - started).inSeconds
        if let percentiles = latencies.percentilesMilliseconds {
            counters.latencyP50Milliseconds = percentiles.p50
            counters.latencyP95Milliseconds = percentiles.p95
        }
        progress(counters)
    }
}
