/// What the endpoint needs of a model: each sentence's tokens (the batcher's token budget counts
/// them) and every class's probability for tokenized sentences, in order. `encode` is called from
/// the batcher, `probabilities` from one serial queue only, never at the same time as another
/// `probabilities`; implementations need not be thread-safe beyond that.
public protocol TextClassifier: Sendable {
    var labelNames: [String] { get }
    func encode(_ text: String) -> [Int32]
    func probabilities(encoded: [[Int32]]) -> [[Float]]
}
