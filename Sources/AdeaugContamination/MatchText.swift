import AdeaugCore

/// A sentence prepared for near-duplicate matching: the normalised text (for exact
/// comparison, where `5 mg` and `10 mg` differ) and its word tokens hashed to 64 bits, with
/// every number folded to one token (so that a sentence differing only in its dose is still a
/// near-duplicate).
public struct MatchText: Sendable, Hashable {
    /// `TextNormalizer` output: NFKC, lower case, whitespace and punctuation spacing folded.
    public var normalized: String
    /// Hashed word tokens; see `MatchTokenizer` for what a token is.
    public var tokens: [UInt64]

    public init(normalized: String, tokens: [UInt64]) {
        self.normalized = normalized
        self.tokens = tokens
    }
}
