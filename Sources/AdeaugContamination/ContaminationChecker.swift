/// Decides, for every candidate, whether it may enter training, and why not.
///
/// Checks run in the order and the first that fires is the verdict:
/// 1. near-duplicate of a test sentence (`test_near_duplicate`),
/// 2. near-copy of a training sentence (`train_near_copy`),
/// 3. near-duplicate of an earlier *accepted* candidate (`candidate_duplicate`: keep the first),
/// 4. in the pretraining index with at least `pretrainingThreshold` of its n-grams
///    (`pretraining_hit`).
/// Near-duplicate means `NearDuplicatePolicy` (word edit distance, numbers folded).
public struct ContaminationChecker {
    public let policy: NearDuplicatePolicy
    /// Share of a candidate's n-grams that must be in the pretraining index to reject it.
    /// 0.5 by default: half of a sentence's 13-grams, or a sentence found whole, is web text
    /// the generator may have memorised, not an occasional shared phrase.
    public let pretrainingThreshold: Double
    private let test: [InputSentence]
    private let train: [InputSentence]
    private var testIndex: NearDuplicateIndex
    private var trainIndex: NearDuplicateIndex
    private let pretraining: (any PretrainingLookup)?

    public init(
        test: [InputSentence], train: [InputSentence] = [], pretraining: (any PretrainingLookup)? = nil,
        policy: NearDuplicatePolicy = .default, pretrainingThreshold: Double = 0.5
    ) {
        self.policy = policy
        self.pretrainingThreshold = pretrainingThreshold
        self.test = test
        self.train = train
        self.pretraining = pretraining
        testIndex = NearDuplicateIndex(policy: policy)
        for sentence in test { testIndex.insert(sentence.text) }
        trainIndex = NearDuplicateIndex(policy: policy)
        for sentence in train { trainIndex.insert(sentence.text) }
    }

    /// One verdict per candidate, in input order.
    public func check(_ candidates: [InputSentence]) throws -> [Verdict] {
        var accepted = NearDuplicateIndex(policy: policy)
        var acceptedSentences: [InputSentence] = []
        var verdicts: [Verdict] = []
        verdicts.reserveCapacity(candidates.count)
        for candidate in candidates {
            let prepared = testIndex.prepare(candidate.text)
            var verdict = Verdict(id: candidate.id, text: candidate.text, verdict: .accepted)
            if let match = testIndex.bestMatch(prepared: prepared) {
                verdict.record(.testNearDuplicate, match: match, sentence: test[match.entry])
            } else if let match = trainIndex.bestMatch(prepared: prepared) {
                verdict.record(.trainNearCopy, match: match, sentence: train[match.entry])
            } else if let match = accepted.bestMatch(prepared: prepared) {
                verdict.record(.candidateDuplicate, match: match, sentence: acceptedSentences[match.entry])
            } else if let pretraining {
                let evidence = try pretraining.lookup(candidate.text)
                if evidence.fraction >= pretrainingThreshold, evidence.fraction > 0 {
                    verdict.verdict = .pretrainingHit
                    verdict.score = evidence.fraction
                    verdict.pretrainingFraction = evidence.fraction
                    verdict.pretrainingURL = evidence.urls.first
                }
            }
            if verdict.verdict == .accepted {
                accepted.insert(prepared: prepared)
                acceptedSentences.append(candidate)
            }
            verdicts.append(verdict)
        }
        return verdicts
    }
}

extension Verdict {
    mutating func record(_ reason: VerdictReason, match: NearDuplicateMatch, sentence: InputSentence) {
        verdict = reason
        matchedID = sentence.id
        matchedText = sentence.text
        score = match.similarity
        editDistance = match.editDistance
        exact = match.exact
    }
}
