/// Audits a split for leakage: which test sentences have an exact or near-duplicate in the
/// training split, and (with a pretraining index) which test sentences are web text.
public struct CorpusAudit {
    public let policy: NearDuplicatePolicy
    public let pretrainingThreshold: Double

    public init(policy: NearDuplicatePolicy = .default, pretrainingThreshold: Double = ContaminationSettings().pretrainingThreshold) {
        self.policy = policy
        self.pretrainingThreshold = pretrainingThreshold
    }

    /// One verdict per test sentence: `train_near_copy` when a training sentence is a
    /// near-duplicate, else `pretraining_hit` when the index holds it, else `accepted`.
    public func run(
        test: [InputSentence], train: [InputSentence], pretraining: (any PretrainingLookup)? = nil
    ) throws -> AuditResult {
        var trainIndex = NearDuplicateIndex(policy: policy)
        for sentence in train { trainIndex.insert(sentence.text) }
        var verdicts: [Verdict] = []
        var pretrainingHits = 0
        verdicts.reserveCapacity(test.count)
        for sentence in test {
            var verdict = Verdict(id: sentence.id, text: sentence.text, verdict: .accepted)
            if let match = trainIndex.bestMatch(for: sentence.text) {
                verdict.record(.trainNearCopy, match: match, sentence: train[match.entry])
            }
            if let pretraining {
                let evidence = try pretraining.lookup(sentence.text)
                if evidence.fraction >= pretrainingThreshold, evidence.fraction > 0 {
                    pretrainingHits += 1
                    verdict.pretrainingFraction = evidence.fraction
                    verdict.pretrainingURL = evidence.urls.first
                    if verdict.verdict == .accepted {
                        verdict.verdict = .pretrainingHit
                        verdict.score = evidence.fraction
                    }
                }
            }
            verdicts.append(verdict)
        }
        return AuditResult(
            testSentences: test.count, trainSentences: train.count,
            exactInTrain: verdicts.filter { $0.verdict == .trainNearCopy && $0.exact == true }.count,
            nearInTrain: verdicts.filter { $0.verdict == .trainNearCopy && $0.exact != true }.count,
            inPretraining: pretraining == nil ? nil : pretrainingHits,
            verdicts: verdicts)
    }
}
