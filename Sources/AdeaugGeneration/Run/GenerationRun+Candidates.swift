import AdeaugCore

extension GenerationRun {
    /// Splits a completion into candidates, filters them, drops duplicates of any run, asks the
    /// screens, and stores every candidate with its verdict (accepted ones as workspace candidates).
    /// Positions start at `firstPosition` (the later completions of one answer go on numbering);
    /// returns the position after the last one stored.
    @discardableResult
    mutating func storeCandidates(of completion: Completion, shown: [String], responseID: Int64, firstPosition: Int = 0) throws -> Int {
        let verdicts = options.filter.judge(completion, shownExamples: shown)
        for (offset, verdict) in verdicts.enumerated() {
            let position = firstPosition + offset
            let normalized = normalizer.normalize(verdict.text)
            var reason = verdict.reason
            if reason == .accepted && seenTexts.contains(normalized) { reason = .duplicate }
            var output = GenerationStore.Output(
                position: position, text: verdict.text, normalized: normalized, filterReason: reason,
                candidateID: nil, screen: nil, counted: false)
            if reason == .accepted {
                seenTexts.insert(normalized)
                output.candidateID = try workspace.insertCandidate(
                    text: verdict.text, label: options.label, origin: "generate:response:\(responseID)", runID: runID)
                let screenVerdict = screen(verdict.text)
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
        return firstPosition + verdicts.count
    }

    /// The first refusal among the screens, in order; when every screen accepts, the last
    /// verdict that carries a score (the label filter's probability), else plain acceptance.
    private mutating func screen(_ text: String) -> ScreenVerdict {
        var accepted = ScreenVerdict.accept
        for index in screens.indices {
            let verdict = screens[index].screen(text)
            if !verdict.accepted { return verdict }
            if verdict.score != nil { accepted = verdict }
        }
        return accepted
    }
}
