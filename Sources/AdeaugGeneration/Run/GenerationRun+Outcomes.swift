import AdeaugCore
import AdeaugTransport
import Foundation

extension GenerationRun {
    /// Stores one attempt's answer (or failure) and acts on it: candidates, a retry, a pause
    /// for throttling, or a stop. Called inside the transaction of its batch of answers.
    mutating func handle(_ result: HTTPResult, event: (String) -> Void) throws {
        guard var job = inFlight.removeValue(forKey: result.tag) else { return }
        reservations[result.tag] = nil
        job.attempts += 1
        let answer = AttemptAnswer(result, endpoint: options.endpoint)
        let outcome = answer.outcome
        let willRetry = (outcome == .retryable || outcome == .throttled) && options.retry.mayRetry(afterAttempt: job.attempts)
        let status = RequestStatus(after: outcome, willRetry: willRetry)
        let attempt = GenerationStore.Attempt(
            requestID: job.requestID, attempt: job.attempts, outcome: outcome, result: result,
            error: answer.errorText, completion: answer.completion)
        let responseID = try store.recordAttempt(attempt, status: status, generationRunID: generationRunID)
        try audit.append(auditOutcome(of: result, job: job, outcome: outcome))
        stored[job.plan.key]?.status = status

        switch outcome {
        case .success:
            try recordSuccess(answer.completion!, more: answer.moreCompletions, of: job, latencySeconds: result.latencySeconds, responseID: responseID)
        case .rejected:
            consecutiveFailures = 0
            counters.failed += 1
            invalidRequests += 1
            event("request \(job.requestID) refused as invalid, not retried: \(answer.errorText ?? "")")
        case .fatal:
            stop = RunStop(
                reason: .fatalError,
                message: "The endpoint refused the run: \(answer.errorText ?? "") (\(options.endpoint.url)). Check the URL, the endpoint kind and the credentials.")
        case .throttled, .retryable:
            recordFailure(of: job, outcome: outcome, result: result, errorText: answer.errorText, willRetry: willRetry, event: event)
        }
    }

    private mutating func recordSuccess(
        _ completion: Completion, more: [Completion], of job: RequestJob, latencySeconds: Double, responseID: Int64
    ) throws {
        consecutiveFailures = 0
        limiter.recordSuccess()
        counters.answered += 1
        counters.tokens += completion.generatedTokens ?? 0
        let usage = TokenUsage(completion: completion, prompt: job.plan.prompt)
        try usageStore.record(usage, responseID: responseID, label: options.label)
        if let budget = options.budget {
            spent += budget.spend(promptTokens: usage.promptTokens, completionTokens: usage.completionTokens)
        }
        latencies.add(latencySeconds)
        let before = counters.accepted
        var position = try storeCandidates(of: completion, shown: job.plan.exampleTexts, responseID: responseID)
        for other in more {
            position = try storeCandidates(of: other, shown: job.plan.exampleTexts, responseID: responseID, firstPosition: position)
        }
        answeredWithoutProgress = counters.accepted > before ? 0 : answeredWithoutProgress + 1
        if answeredWithoutProgress >= options.noProgressAfter {
            let reasons = rejectedByReason.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            stop = stop ?? RunStop(
                reason: .noProgress,
                message: "No progress: the last \(answeredWithoutProgress) answered requests gave no new candidate (\(reasons)). Change the template, raise the temperature, or lower --target.")
        }
    }

    /// A throttled or failed attempt: queue the retry (pausing everyone for throttling), or
    /// give the request up; stop when the failures in a row say the endpoint is down.
    private mutating func recordFailure(
        of job: RequestJob, outcome: AttemptOutcome, result: HTTPResult, errorText: String?, willRetry: Bool,
        event: (String) -> Void
    ) {
        if outcome == .throttled {
            counters.throttled += 1
            limiter.recordThrottle(startedSequence: result.tag, currentSequence: nextSequence)
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
            retries.add(job, due: due)
        } else {
            counters.failed += 1
            event("request \(job.requestID) failed after \(job.attempts) attempts: \(errorText ?? "")")
        }
        if consecutiveFailures >= options.endpointDownAfter {
            stop = RunStop(
                reason: .endpointDown,
                message: "The endpoint looks down: the last \(consecutiveFailures) attempts failed (last: \(lastFailure)). Check that it is running at \(options.endpoint.url); run the same command again to resume.")
        }
    }

    /// `job.attempts` already counts the attempt that `result` answers.
    private func auditOutcome(of result: HTTPResult, job: RequestJob, outcome: AttemptOutcome) -> AuditEntry {
        AuditEntry(
            event: result.transportError == nil ? .answered : .noAnswer, service: "generation",
            url: job.plan.request.url, reference: "generation_request:\(job.requestID)#\(job.attempts)", runID: runID,
            httpStatus: result.transportError == nil ? result.status : nil, responseBytes: result.body.count,
            detail: result.transportError.map { "\(outcome): \($0.description)" } ?? "\(outcome)")
    }
}
