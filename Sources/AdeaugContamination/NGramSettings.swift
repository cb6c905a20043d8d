/// How pretraining text is fingerprinted: hashed word n-grams of `gram` words, thinned by
/// winnowing over windows of `window` consecutive n-grams.
///
/// Defaults: 8-word n-grams, window 6. Winnowing keeps the smallest hash of every window, so
/// any span of `gram + window − 1` = 13 words shared by a query and a document shares at least
/// one fingerprint (the 13-word guarantee of the issue), while only about 2/(window+1) ≈ 29% of
/// the n-grams are stored: that is what keeps the index smaller than the text (13-grams,
/// all stored, would need ~15 bytes per word of ~6 bytes). 8 words rather than 13 for the
/// n-gram itself because ADE sentences are short (median ~20 words): a 20-word sentence has 13
/// 8-grams and about 4 fingerprints, enough for a meaningful "fraction found".
///
/// Sentences shorter than `guaranteedSpan` (documents are split at `.`, `!`, `?` and line
/// breaks) are also stored whole, hashed, so that a short query sentence found verbatim as a
/// sentence of a document is always found (the whole-sentence fallback).
public struct NGramSettings: Sendable, Hashable, Codable {
    public var gram: Int
    public var window: Int

    public init(gram: Int = 8, window: Int = 6) {
        self.gram = gram
        self.window = window
    }

    public static let `default` = NGramSettings()

    /// Any shared span of this many words is always found.
    public var guaranteedSpan: Int { gram + window - 1 }

    /// Version of the tokenizer and hashing; an index built with another is refused.
    public static let hashVersion = 2
}
