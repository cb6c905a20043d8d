/// One label and its probability, as the Hugging Face inference toolkit answers text
/// classification: `{"label": "Adverse_Event", "score": 0.97}`.
public struct LabelScore: Sendable, Codable, Equatable {
    public var label: String
    public var score: Double

    public init(label: String, score: Double) {
        self.label = label
        self.score = score
    }
}
