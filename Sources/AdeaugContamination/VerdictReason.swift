/// Why a candidate may or may not enter training. The raw values are what verdict files and
/// the workspace store.
public enum VerdictReason: String, Sendable, Codable, CaseIterable, Comparable {
    case accepted
    /// Exact or near-duplicate of a test sentence: training on it leaks the test set.
    case testNearDuplicate = "test_near_duplicate"
    /// Near-copy of a training sentence: memorised, adds nothing.
    case trainNearCopy = "train_near_copy"
    /// Near-duplicate of an earlier accepted candidate: keep one.
    case candidateDuplicate = "candidate_duplicate"
    /// Found in the pretraining index above the threshold: long verbatim web text.
    case pretrainingHit = "pretraining_hit"
    /// Rejected by the generation stage's filters before the check.
    case generationFilter = "generation_filter"

    public static func < (lhs: VerdictReason, rhs: VerdictReason) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
