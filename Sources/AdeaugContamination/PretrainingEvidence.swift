/// How much of one sentence a pretraining index holds.
public struct PretrainingEvidence: Sendable, Hashable, Codable {
    /// Share of the sentence's n-grams found (0…1); 1 for a sentence found verbatim.
    public var fraction: Double
    /// Longest run of matched words, as far as the fingerprints show (a lower bound; the whole
    /// sentence when every fingerprint is found).
    public var longestSpan: Int
    /// URLs of documents holding matched n-grams (first occurrences), most matches first.
    public var urls: [String]

    public init(fraction: Double, longestSpan: Int, urls: [String]) {
        self.fraction = fraction
        self.longestSpan = longestSpan
        self.urls = urls
    }

    enum CodingKeys: String, CodingKey {
        case fraction, urls
        case longestSpan = "longest_span"
    }
}
