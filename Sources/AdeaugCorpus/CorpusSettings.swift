import AdeaugCore

/// `corpus:` in adeaug.yaml and `adeaug ingest`'s flags: which corpus is read and how it is
/// split (the one home of these settings).
public struct CorpusSettings: Sendable, Codable, Equatable {
    /// Default: $ADEAUG_CORPUS, corpora/ade-corpus-v2, corpora/, ../shared/corpora/ade-corpus-v2.
    public var path: String?
    /// Nil: `given` when the input comes split, `stratified` otherwise.
    public var split: SplitMethod?
    public var testFraction = 0.2
    public var seed: UInt64 = 42

    public init() {}

    /// The ingest stage's options for the located corpus.
    public func ingestOptions(corpusPath: String) -> IngestOptions {
        var options = IngestOptions(corpusPath: corpusPath)
        options.splitMethod = split
        options.testFraction = testFraction
        options.seed = seed
        return options
    }

    public func validate() throws(InvalidSetting) {
        guard testFraction > 0 && testFraction < 1 else { throw InvalidSetting("testFraction", "must be between 0 and 1 (exclusive)") }
    }
}
