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
        policy: NearDuplicatePolicy = .default, pretrainingThreshold: Double = ContaminationSettings().pretrainingThreshold
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
        accepted = NearDuplicateIndex(policy: policy)
    }

    /// Candidates accepted so far (for `candidate_duplicate`).
    private var accepted = NearDuplicateIndex()
    private var acceptedSentences: [InputSentence] = []

    /// One verdict per candidate, in input order, starting from this checker's state (the
    /// checker itself is not changed).
    public func check(_ candidates: [InputSentence]) throws -> [Verdict] {
        var checker = self
        return try candidates.map { try checker.judge($0) }
    }

    /// Judges one candidate and, when it is accepted, remembers it so that later near-duplicates
    /// of it are rejected.
    public mutating func judge(_ candidate: InputSentence) throws -> Verdict {
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
        return verdict
    }
}
