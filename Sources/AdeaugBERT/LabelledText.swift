/// A sentence with its class index: what training and evaluation consume, whether it came from
/// a workspace split or a JSONL file.
public struct LabelledText: Sendable, Hashable, Codable {
    public var text: String
    public var label: Int
    /// The workspace example id, when there is one (predictions are stored against it).
    public var exampleID: Int64?

    public init(text: String, label: Int, exampleID: Int64? = nil) {
        self.text = text
        self.label = label
        self.exampleID = exampleID
    }
}
