/// The optional `parameters` of a JSON request, as the Hugging Face inference toolkit takes them.
public struct InvocationParameters: Sendable, Equatable {
    /// How many labels to answer with, best first (nil: the top label only).
    public var topK: Int?
    /// Probability of `Adverse_Event` from which a sentence is labelled so (two-class models).
    public var threshold: Double?

    public init(topK: Int? = nil, threshold: Double? = nil) {
        self.topK = topK
        self.threshold = threshold
    }

    /// The labels to answer for one sentence's class probabilities.
    public func select(_ probabilities: [Float], labelNames: [String]) -> [LabelScore] {
        let scored = zip(labelNames, probabilities).map { LabelScore(label: $0, score: Double($1)) }
        if let topK {
            return Array(scored.sorted { $0.score > $1.score }.prefix(topK))
        }
        // Two classes: the decision `predict` makes (probability of class 1 ≥ threshold).
        if scored.count == 2 {
            return [scored[probabilities[1] >= Float(threshold ?? 0.5) ? 1 : 0]]
        }
        return scored.max { $0.score < $1.score }.map { [$0] } ?? []
    }
}
