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
    /// The drug and adverse effect of a `DRUG-AE.rel` line (nil for other formats).
    public var drug: String?
    public var effect: String?

    public init(text: String, label: Label, pmid: String?, source: SourceLocation, givenSplit: SplitName? = nil, drug: String? = nil, effect: String? = nil) {
        self.text = text
        self.label = label
        self.pmid = pmid
        self.source = source
        self.givenSplit = givenSplit
        self.drug = drug
        self.effect = effect
    }
}
