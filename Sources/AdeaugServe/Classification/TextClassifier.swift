/// What the endpoint needs of a model: every class's probability for each sentence, in order.
/// Called from one serial queue only, so implementations need not be thread-safe.
public protocol TextClassifier: Sendable {
    var labelNames: [String] { get }
    func probabilities(_ texts: [String]) -> [[Float]]
}
