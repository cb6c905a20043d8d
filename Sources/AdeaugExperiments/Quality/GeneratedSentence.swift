/// One sentence an endpoint generated, with how far it got through the gates that stand
/// between a completion and a training set. The pipeline reads these from the generation,
/// contamination and label-filter records; the quality section only counts and measures.
public struct GeneratedSentence: Sendable, Hashable, Codable {
    /// The gate a sentence stopped at, or `kept` when it passed every gate that ran.
    public enum Gate: String, Sendable, Hashable, Codable, Comparable {
        /// Generation's own filters (empty, truncated, too short or long, non-text, copy, duplicate).
        case generationFilters = "generation filters"
        /// Test-set, near-duplicate or pretraining contamination.
        case contamination
        /// The real-data classifier's score was below the threshold.
        case labelFilter = "label filter"
        case kept

        var order: Int {
            switch self {
            case .generationFilters: 0
            case .contamination: 1
            case .labelFilter: 2
            case .kept: 3
            }
        }

        public static func < (a: Gate, b: Gate) -> Bool { a.order < b.order }
    }

    public var text: String
    public var stoppedAt: Gate
    /// `P(Adverse_Event)` from the label filter, when it scored this sentence.
    public var labelScore: Double?

    public init(text: String, stoppedAt: Gate, labelScore: Double? = nil) {
        self.text = text
        self.stoppedAt = stoppedAt
        self.labelScore = labelScore
    }
}

/// The sentences of one strategy made with one prompt template and one kind of conditioning.
public struct GeneratedSentenceGroup: Sendable, Hashable, Codable {
    /// `synthetic` (adverse events) or `synthetic-negatives`.
    public var strategy: String
    /// The template's name (without its hash).
    public var template: String
    /// `plain`, `seen`, `recombined` or `drug-only`.
    public var conditioning: String
    public var sentences: [GeneratedSentence]
    /// Whether the label filter ran on this group (else its gate is shown as not run).
    public var labelFilterRan: Bool

    public init(strategy: String, template: String, conditioning: String, sentences: [GeneratedSentence], labelFilterRan: Bool) {
        self.strategy = strategy
        self.template = template
        self.conditioning = conditioning
        self.sentences = sentences
        self.labelFilterRan = labelFilterRan
    }
}
