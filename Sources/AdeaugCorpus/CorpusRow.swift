import AdeaugCore

/// One row as read from a corpus file, before deduplication: the original files have one
/// row per drug–effect pair, so a sentence can appear on several rows.
public struct CorpusRow: Sendable, Hashable {
    public var text: String
    public var label: Label
    public var pmid: String?
    public var source: SourceLocation
    /// The split the input itself assigned (a Hugging Face export with `train` and `test`).
    public var givenSplit: SplitName?

    public init(text: String, label: Label, pmid: String?, source: SourceLocation, givenSplit: SplitName? = nil) {
        self.text = text
        self.label = label
        self.pmid = pmid
        self.source = source
        self.givenSplit = givenSplit
    }
}
