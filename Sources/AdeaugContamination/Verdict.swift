/// The decision on one candidate, with its evidence: one line of `adeaug check`'s output and
/// one row of the workspace's `contamination_verdicts`.
public struct Verdict: Sendable, Hashable, Codable {
    public var id: String
    public var text: String
    public var verdict: VerdictReason
    /// The sentence that caused the rejection (test, train or earlier candidate).
    public var matchedID: String?
    public var matchedText: String?
    /// Near-duplicate similarity (1 − word edits / length), or the pretraining n-gram fraction.
    public var score: Double?
    public var editDistance: Int?
    public var exact: Bool?
    /// Pretraining evidence: fraction of the sentence's n-grams in the index, and a document URL.
    public var pretrainingFraction: Double?
    public var pretrainingURL: String?

    public init(id: String, text: String, verdict: VerdictReason) {
        self.id = id
        self.text = text
        self.verdict = verdict
    }

    enum CodingKeys: String, CodingKey {
        case id, text, verdict, score, exact
        case matchedID = "matched_id"
        case matchedText = "matched"
        case editDistance = "edit_distance"
        case pretrainingFraction = "pretraining_fraction"
        case pretrainingURL = "pretraining_url"
    }
}
