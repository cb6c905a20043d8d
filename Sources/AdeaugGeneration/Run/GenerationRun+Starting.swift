import AdeaugCore

extension GenerationRun {
    /// Starts what may start, up to the concurrency limit: retries that are due first, then
    /// new requests of the plan. Each is stored and on the audit trail before it leaves.
    mutating func startDueRequests(now: ContinuousClock.Instant) throws {
        var toStart: [RequestJob] = []
        budgetReached = false
        try workspace.database.transaction {
            while inFlight.count + toStart.count < limiter.allowed {
                if let cap = options.maxRequests, counters.attempts + toStart.count >= cap { break }
                let job: RequestJob
                let isRetry: Bool
                if let retry = retries.takeDue(at: now) {
                    job = retry
                    isRetry = true
                } else if counters.accepted + (inFlight.count + toStart.count) * options.completionsPerPrompt < options.target {
                    // Each completion usually yields one candidate: no more in flight than the
                    // target still needs, so that the end of a run pays for no extras.
                    job = try heldBack ?? nextNewJob()
                    isRetry = false
                    heldBack = nil
                } else {
                    break
                }
                guard fitsBudget(job, alongside: toStart) else {
                    // Kept for when answers free their reservations; left pending (never sent)
                    // when the run stops, so a later run with a larger budget sends it once.
                    if isRetry { retries.add(job, due: now) } else { heldBack = job }
                    budgetReached = true
                    break
                }
                toStart.append(job)
            }
            // On record before anything leaves: a crash after this commit over-reports, never under-reports.
            for job in toStart { try audit.append(auditSent(job)) }
        }
        for job in toStart {
            let sequence = nextSequence
            nextSequence += 1
            try client.start(job.plan.request, tag: sequence)
            inFlight[sequence] = job
            if options.budget != nil { reservations[sequence] = estimatedCost(of: job) }
            counters.attempts += 1
        }
    }

    /// Whether `job` may start: the spend so far, the estimates of the requests in flight and
    /// of those starting with it, and its own estimate stay within the budget.
    private func fitsBudget(_ job: RequestJob, alongside starting: [RequestJob]) -> Bool {
        guard let budget = options.budget else { return true }
        let committed = spent + reservations.values.reduce(0, +) + starting.map { estimatedCost(of: $0) }.reduce(0, +)
        return committed + estimatedCost(of: job) <= budget.limit
    }

    /// The most a request can cost: its prompt (approximated) and `max_new_tokens` of completion
    /// for each of its completions.
    func estimatedCost(of job: RequestJob) -> Double {
        options.budget?.spend(
            promptTokens: TokenApproximation.tokens(in: job.plan.prompt),
            completionTokens: options.parameters.maxNewTokens * options.completionsPerPrompt) ?? 0
    }

    /// The next request of the plan that no run has settled, stored as pending before it is sent.
    private mutating func nextNewJob() throws -> RequestJob {
        while true {
            let plan = planner.plan(index: nextPlanIndex)
            nextPlanIndex += 1
            if let existing = stored[plan.key] {
                if existing.status.isSettled {
                    alreadyAnswered += 1
                    continue
                }
                return RequestJob(requestID: existing.id, plan: plan, attempts: existing.attempts)
            }
            let id = try store.insertRequest(
                plan, generationRunID: generationRunID, label: options.label, template: options.template.identity)
            if let attributes = plan.attributes { try store.insertAttributes(attributes, requestID: id) }
            stored[plan.key] = GenerationStore.StoredRequest(id: id, status: .pending, attempts: 0)
            return RequestJob(requestID: id, plan: plan, attempts: 0)
        }
    }

    private func auditSent(_ job: RequestJob) -> AuditEntry {
        AuditEntry(
            event: .sent, service: "generation", url: job.plan.request.url,
            reference: "generation_request:\(job.requestID)#\(job.attempts + 1)", runID: runID,
            requestBytes: job.plan.request.body.count, promptSHA256: SHA256Digest.hex(Array(job.plan.prompt.utf8)),
            prompt: options.auditPrompts ? job.plan.prompt : nil, exampleIDs: job.plan.exampleIDs,
            redacted: options.redact, detail: job.plan.attributes.map { "conditioned on " + $0.keyText })
    }
}
