import AdeaugCore
import Foundation

/// Runs one `adeaug generate`: plans requests, keeps up to `concurrency` in flight over one
/// libcurl multi handle, stores every request before sending it and every answer with its
/// candidates in one transaction, retries what may succeed later, and stops at the target,
/// the spend cap, or when the endpoint or the candidates say that going on is pointless.
///
/// Single-threaded on purpose: libcurl does the waiting, and one loop owning the state makes
/// retries, throttling and storage easy to follow.
public final class Generator {
    private let workspace: Workspace
    private let options: GenerationOptions
    private var screens: [any CandidateScreen]
    private let store: GenerationStore
    private let audit: AuditTrail
    private let normalizer = TextNormalizer()

    /// - Parameter screens: checks a candidate must also pass to count (e.g. contamination).
    public init(workspace: Workspace, options: GenerationOptions, screens: [any CandidateScreen] = []) throws {
        try options.validate()
        self.workspace = workspace
        self.options = options
        self.screens = screens
        store = try GenerationStore(workspace: workspace)
        audit = AuditTrail(workspace: workspace)
    }

    /// A request waiting to be sent (again).
    private struct Job {
        var requestID: Int64
        var plan: PlannedRequest
        /// Attempts already made (this run and earlier ones).
        var attempts: Int
    }

    private struct InFlight {
        var job: Job
        var sequence: Int
    }

    /// Runs until a stop condition; `progress` is called after every batch of answers and
    /// `event` with notable happenings (throttling, retries), both on the calling thread.
    public func run(
        command: String = "generate", arguments: [String] = [],
        progress: (GenerationProgress) -> Void = { _ in }, event: (String) -> Void = { _ in }
    ) throws -> GenerationSummary {
        let sampler = try FewShotSampler(workspace: workspace, label: options.label, drugs: options.drugsByExample)
        let planner = RequestPlanner(
            sampler: sampler, template: options.template, endpoint: options.endpoint,
            parameters: options.parameters, seed: options.seed, redactor: options.redact ? Redactor() : nil)
        let client = try CurlMultiClient(maximumConnections: options.concurrency, allowInsecureHTTP: options.allowInsecureHTTP)
        let endpointInfo = options.preflight ? try preflight(client) : nil
        let (runID, generationRunID) = try store.beginRun(
            command: command, arguments: arguments, options: options, endpointInfo: endpointInfo)

        var stored = try store.requestsByKey()
        var seenTexts = try store.acceptedNormalizedTexts(label: options.label)
        // Screens that remember what they accepted (duplicates among candidates) must know the
        // sentences earlier runs counted; their verdicts on them are not used again.
        if !screens.isEmpty {
            for text in try store.countedTexts(label: options.label) {
                for index in screens.indices { _ = screens[index].screen(text) }
            }
        }
        var counters = GenerationProgress()
        counters.target = options.target
        counters.accepted = try store.countedCandidates(label: options.label)
        let acceptedAtStart = counters.accepted
        var limiter = ConcurrencyLimiter(maximum: options.concurrency)
        var random = SeededRandom(seed: options.seed ^ 0x5EED)
        var latencies: [Double] = []
        var rejectedByReason: [String: Int] = [:]
        var samples: [String] = []
        var inFlight: [Int: InFlight] = [:]
        var retryQueue: [(due: ContinuousClock.Instant, job: Job)] = []
        var pausedUntil = ContinuousClock.now
        var nextPlanIndex = 0
        var nextSequence = 0
        var alreadyAnswered = 0
        var invalidRequests = 0
        var consecutiveFailures = 0
        var answeredWithoutProgress = 0
        var lastFailure = ""
        var stop: (GenerationSummary.StopReason, String)?
        let started = ContinuousClock.now
        var lastProgress = ContinuousClock.now - .seconds(1)

        func report(force: Bool = false) {
            let now = ContinuousClock.now
            guard force || now - lastProgress >= .milliseconds(200) else { return }
            lastProgress = now
            counters.inFlight = inFlight.count
            counters.concurrencyLimit = limiter.allowed
            counters.elapsedSeconds = (now - started).inSeconds
            if !latencies.isEmpty {
                let sorted = latencies.sorted()
                counters.latencyP50Milliseconds = 1000 * sorted[(sorted.count - 1) / 2]
                counters.latencyP95Milliseconds = 1000 * sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
            }
            progress(counters)
        }

        /// The next request of the plan that has no answer yet, stored as pending before it is sent.
        func nextNewJob() throws -> Job {
            while true {
                let plan = planner.plan(index: nextPlanIndex)
                nextPlanIndex += 1
                if let existing = stored[plan.key] {
                    if existing.status == "answered" || existing.status == "rejected" {
                        alreadyAnswered += 1
                        continue
                    }
                    stored[plan.key]?.status = "sending"
                    return Job(requestID: existing.id, plan: plan, attempts: existing.attempts)
                }
                let id = try store.insertRequest(
                    plan, generationRunID: generationRunID, label: options.label, template: options.template.identity)
                stored[plan.key] = GenerationStore.StoredRequest(id: id, status: "sending", attempts: 0)
                return Job(requestID: id, plan: plan, attempts: 0)
            }
        }

        func handle(_ result: HTTPResult) throws {
            guard let flight = inFlight.removeValue(forKey: result.tag) else { return }
            var job = flight.job
            job.attempts += 1
            var completion: Completion?
            var parseError: String?
            if result.transportError == nil, (200..<300).contains(result.status) {
                do throws(ResponseParseError) {
                    completion = try options.endpoint.parse(result.body)
                } catch {
                    parseError = error.message
                }
            }
            let outcome = AttemptOutcome.classify(result, parseFailed: parseError != nil)
            let errorText: String? = switch outcome {
            case .success: nil
            case _ where result.transportError != nil: result.transportError!.description
            case _ where parseError != nil: parseError
            default: "HTTP \(result.status): \(Endpoint.errorDetails(result.body).message)"
            }
            let willRetry = (outcome == .retryable || outcome == .throttled) && options.retry.mayRetry(afterAttempt: job.attempts)
            let status = switch outcome {
            case .success: "answered"
            case .rejected: "rejected"
            case _ where willRetry: "pending"
            default: outcome == .fatal ? "pending" : "failed"
            }
            let attempt = GenerationStore.Attempt(
                requestID: job.requestID, attempt: job.attempts, outcome: "\(outcome)", result: result,
                error: errorText, completion: completion)
            let responseID = try store.recordAttempt(attempt, status: status, generationRunID: generationRunID)
            try audit.append(auditOutcome(of: result, job: job, outcome: outcome, runID: runID))
            stored[job.plan.key]?.status = status

            switch outcome {
            case .success:
                consecutiveFailures = 0
                limiter.recordSuccess()
                counters.answered += 1
                counters.tokens += completion?.generatedTokens ?? 0
                latencies.append(result.latencySeconds)
                let before = counters.accepted
                try storeCandidates(of: completion!, shown: job.plan.exampleTexts, responseID: responseID)
                answeredWithoutProgress = counters.accepted > before ? 0 : answeredWithoutProgress + 1
                if answeredWithoutProgress >= options.noProgressAfter {
                    stop = stop ?? (.noProgress, "No progress: the last \(answeredWithoutProgress) answered requests gave no new candidate (\(rejectedByReason.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key) \($0.value)" }.joined(separator: ", "))). Change the template, raise the temperature, or lower --target.")
                }
            case .rejected:
                consecutiveFailures = 0
                counters.failed += 1
                invalidRequests += 1
                event("request \(job.requestID) refused as invalid, not retried: \(errorText ?? "")")
            case .fatal:
                stop = (.fatalError, "The endpoint refused the run: \(errorText ?? "") (\(options.endpoint.url)). Check the URL, the endpoint kind and the credentials.")
            case .throttled, .retryable:
                if outcome == .throttled {
                    counters.throttled += 1
                    limiter.recordThrottle(startedSequence: flight.sequence, currentSequence: nextSequence)
                } else {
                    consecutiveFailures += 1
                    lastFailure = errorText ?? ""
                }
                if willRetry {
                    counters.retries += 1
                    let delay = options.retry.delay(afterAttempt: job.attempts, retryAfterSeconds: result.retryAfterSeconds, random: &random)
                    let due = ContinuousClock.now + .milliseconds(Int(delay * 1000))
                    if outcome == .throttled {
                        // Throttling concerns the endpoint, not the request: everyone waits.
                        pausedUntil = max(pausedUntil, due)
                        event("throttled (\(errorText ?? "")); concurrency now \(limiter.allowed), pausing \(String(format: "%.1f", delay)) s")
                    }
                    retryQueue.append((due, job))
                } else {
                    counters.failed += 1
                    event("request \(job.requestID) failed after \(job.attempts) attempts: \(errorText ?? "")")
                }
                if consecutiveFailures >= options.endpointDownAfter {
                    stop = (.endpointDown, "The endpoint looks down: the last \(consecutiveFailures) attempts failed (last: \(lastFailure)). Check that it is running at \(options.endpoint.url); run the same command again to resume.")
                }
            }
        }

        func storeCandidates(of completion: Completion, shown: [String], responseID: Int64) throws {
            let verdicts = options.filter.judge(completion, shownExamples: shown)
            for (position, verdict) in verdicts.enumerated() {
                let normalized = normalizer.normalize(verdict.text)
                var reason = verdict.reason
                if reason == .accepted && seenTexts.contains(normalized) { reason = .duplicate }
                var output = GenerationStore.Output(
                    position: position, text: verdict.text, normalized: normalized, filterReason: reason,
                    candidateID: nil, screen: nil, counted: false)
                if reason == .accepted {
                    seenTexts.insert(normalized)
                    output.candidateID = try workspace.insertCandidate(
                        text: verdict.text, label: options.label, origin: "generate:response:\(responseID)",
                        runID: runID)
                    var screenVerdict = ScreenVerdict.accept
                    for index in screens.indices {
                        let verdict = screens[index].screen(verdict.text)
                        if !verdict.accepted {
                            screenVerdict = verdict
                            break
                        }
                    }
                    output.screen = screens.isEmpty ? nil : screenVerdict
                    output.counted = screenVerdict.accepted
                    if output.counted {
                        counters.accepted += 1
                        if samples.count < 5 { samples.append(verdict.text) }
                    } else {
                        counters.rejected += 1
                        rejectedByReason["screen:" + screenVerdict.reason, default: 0] += 1
                    }
                } else {
                    counters.rejected += 1
                    rejectedByReason[reason.rawValue, default: 0] += 1
                }
                try store.insertOutput(output, responseID: responseID, label: options.label)
            }
        }

        if counters.accepted >= options.target {
            stop = (.targetReached, "The workspace already holds \(counters.accepted) accepted \(options.label.name) candidates (target \(options.target)).")
        }
        while true {
            let now = ContinuousClock.now
            // Start what may start: retries that are due first, then new requests of the plan.
            if stop == nil && now >= pausedUntil {
                var toStart: [Job] = []
                try workspace.database.transaction {
                    while inFlight.count + toStart.count < limiter.allowed {
                        if let cap = options.maxRequests, counters.attempts + toStart.count >= cap { break }
                        if let index = retryQueue.indices.min(by: { retryQueue[$0].due < retryQueue[$1].due }),
                            retryQueue[index].due <= now
                        {
                            toStart.append(retryQueue.remove(at: index).job)
                        } else if counters.accepted + inFlight.count + toStart.count < options.target {
                            // Each request usually yields one candidate: no more in flight than
                            // the target still needs, so that the end of a run pays for no extras.
                            toStart.append(try nextNewJob())
                        } else {
                            break
                        }
                    }
                    // On record before anything leaves: a crash after this commit over-reports, never under-reports.
                    for job in toStart { try audit.append(auditSent(job, runID: runID)) }
                }
                for job in toStart {
                    let tag = nextSequence
                    nextSequence += 1
                    try client.start(job.plan.request, tag: tag)
                    inFlight[tag] = InFlight(job: job, sequence: tag)
                    counters.attempts += 1
                }
            }
            if inFlight.isEmpty {
                if stop != nil { break }
                if counters.accepted >= options.target {
                    stop = (.targetReached, "Reached the target: \(counters.accepted) accepted \(options.label.name) candidates.")
                    break
                }
                if let cap = options.maxRequests, counters.attempts >= cap {
                    stop = (.maxRequests, "Stopped at --max-requests \(cap) with \(counters.accepted)/\(options.target) accepted; run again (with a higher cap) to go on.")
                    break
                }
                // Nothing in flight: sleep until the next retry or the end of a pause.
                let wake = min(retryQueue.map(\.due).min() ?? now, max(pausedUntil, now))
                let next = max(wake, pausedUntil)
                if next > now { Thread.sleep(forTimeInterval: (next - now).inSeconds) }
                continue
            }
            if stop != nil && stop!.0 != .targetReached && stop!.0 != .noProgress { break }
            let results = client.wait(milliseconds: 100)
            if !results.isEmpty {
                try workspace.database.transaction {
                    for result in results { try handle(result) }
                }
            }
            report()
        }
        report(force: true)
        let (reason, message) = stop ?? (.maxRequests, "Stopped.")
        let summary = GenerationSummary(
            generationRunID: generationRunID, stopReason: reason, message: message, progress: counters,
            acceptedThisRun: counters.accepted - acceptedAtStart, alreadyAnswered: alreadyAnswered,
            invalidRequests: invalidRequests, rejectedByReason: rejectedByReason, samples: samples)
        try store.finishRun(generationRunID, summary: summary)
        return summary
    }

    private func auditSent(_ job: Job, runID: Int64) -> AuditEntry {
        AuditEntry(
            event: .sent, service: "generation", url: job.plan.request.url,
            reference: "generation_request:\(job.requestID)#\(job.attempts + 1)", runID: runID,
            requestBytes: job.plan.request.body.count, promptSHA256: SHA256Digest.hex(Array(job.plan.prompt.utf8)),
            prompt: options.auditPrompts ? job.plan.prompt : nil, exampleIDs: job.plan.exampleIDs,
            redacted: options.redact)
    }

    /// `job.attempts` already counts the attempt that `result` answers.
    private func auditOutcome(of result: HTTPResult, job: Job, outcome: AttemptOutcome, runID: Int64) -> AuditEntry {
        AuditEntry(
            event: result.transportError == nil ? .answered : .noAnswer, service: "generation",
            url: job.plan.request.url, reference: "generation_request:\(job.requestID)#\(job.attempts)", runID: runID,
            httpStatus: result.transportError == nil ? result.status : nil, responseBytes: result.body.count,
            detail: result.transportError.map { "\(outcome): \($0.description)" } ?? "\(outcome)")
    }

    /// TGI: `/health` must answer 200 and `/info` says which model serves; both before any
    /// prompt is sent. Returns `/info`'s body.
    private func preflight(_ client: CurlMultiClient) throws -> String? {
        guard options.endpoint.kind == .tgi else { return nil }
        let origin = options.endpoint.origin
        func get(_ path: String) throws -> HTTPResult {
            var request = HTTPRequest(method: .get, url: origin + path, authentication: options.endpoint.authentication)
            request.timeouts = HTTPTimeouts(connectMilliseconds: 10_000, totalMilliseconds: 30_000)
            let reference = "preflight:GET \(path)"
            try audit.append(AuditEntry(event: .sent, service: "generation", url: request.url, reference: reference, requestBytes: 0))
            try client.start(request, tag: -1)
            while true {
                if let result = client.wait(milliseconds: 1000).first {
                    try audit.append(AuditEntry(
                        event: result.transportError == nil ? .answered : .noAnswer, service: "generation", url: request.url,
                        reference: reference, httpStatus: result.transportError == nil ? result.status : nil,
                        responseBytes: result.body.count, detail: result.transportError?.description))
                    return result
                }
            }
        }
        let health = try get("/health")
        guard health.transportError == nil, health.status == 200 else {
            let why = health.transportError?.description ?? "HTTP \(health.status)"
            throw GenerationError.endpointNotReady("TGI at \(origin) is not ready (/health: \(why)). Wait until the model has loaded, or check --url.")
        }
        let info = try get("/info")
        return info.status == 200 ? info.bodyText : nil
    }
}
