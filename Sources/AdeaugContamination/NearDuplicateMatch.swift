/// A reference sentence found close to a query, with the evidence a verdict reports.
public struct NearDuplicateMatch: Sendable, Hashable, Codable {
    /// Position of the reference in its `NearDuplicateIndex` (insertion order).
    public var entry: Int
    /// Word-token edit distance, numbers folded (0 for a dose-only difference).
    public var editDistance: Int
    /// 1 − editDistance / longer token count.
    public var similarity: Double
    /// True when the normalised texts are identical (digits included).
    public var exact: Bool

    public init(entry: Int, editDistance: Int, similarity: Double, exact: Bool) {
        self.entry = entry
        self.editDistance = editDistance
        self.similarity = similarity
        self.exact = exact
    }

    /// Orders matches best first: exact, then fewer edits, then earlier entries.
    static func isBetter(_ a: NearDuplicateMatch, than b: NearDuplicateMatch) -> Bool {
        if a.exact != b.exact { return a.exact }
        if a.editDistance != b.editDistance { return a.editDistance < b.editDistance }
        return a.entry < b.entry
    }
}
