/// Why a generated sentence was kept or dropped by generation's own filters (stored with it).
public enum FilterReason: String, Sendable, Hashable, Codable, CaseIterable {
    case accepted
    case empty
    /// The token limit cut the completion (`finish_reason` length): the sentence is unfinished.
    case truncated
    case tooShort = "too_short"
    case tooLong = "too_long"
    /// Markup, code, URLs or mostly non-letters.
    case nonText = "non_text"
    /// The same text (after normalisation) as one of the examples shown in its prompt.
    case copyOfExample = "copy_of_example"
    /// The same text (after normalisation) as a candidate already generated for this class.
    case duplicate
}
