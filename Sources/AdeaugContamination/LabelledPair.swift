/// One pair of the near-duplicate evaluation set.
public struct LabelledPair: Sendable, Hashable {
    /// Index of the corpus sentence the pair starts from.
    public var referenceIndex: Int
    public var reference: String
    public var query: String
    /// True for a perturbed copy (must be found), false for a distinct sentence (must not).
    public var isDuplicate: Bool
    /// What was done, e.g. `case+unicode, 2 word edits` or `shares drug`.
    public var kind: String
    /// Word edits applied (0 to 2) for a positive pair; 0 for a negative one.
    public var wordEdits: Int

    public init(referenceIndex: Int, reference: String, query: String, isDuplicate: Bool, kind: String, wordEdits: Int) {
        self.referenceIndex = referenceIndex
        self.reference = reference
        self.query = query
        self.isDuplicate = isDuplicate
        self.kind = kind
        self.wordEdits = wordEdits
    }
}
