import AdeaugCore
import Testing
@testable import AdeaugBERT

/// Every parameter tensor's analytic gradient against central finite differences, on a tiny
/// random BERT with dropout on (the dropout generator is reseeded so each evaluation draws
/// the same masks) and class weights, so every layer's backward is covered.
struct FiniteDifferenceTests {
    static let config = BertConfig(
        vocabSize: 23, hiddenSize: 8, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 16,
        maxPositionEmbeddings: 12, layerNormEps: 1e-12)

    static func randomNetwork() -> BertNetwork {
        let network = BertNetwork(config: config, numLabels: 2)
        var generator = SeededGenerator(seed: 7)
        for tensor in network.layout.tensors {
            let isNormWeight = tensor.name.contains("LayerNorm.weight")
            let values = (0..<tensor.count).map { _ in
                (isNormWeight ? 1 : 0) + 0.4 * BertNetwork.normal(&generator)
            }
            network.setParameter(tensor.name, values)
        }
        return network
    }

    @Test func everyTensorsGradientMatchesFiniteDifferences() {
        let network = Self.randomNetwork()
        let batch = BertBatch(sequences: [[1, 5, 9, 2], [1, 7, 3, 11, 4, 2], [1, 2]], labels: [1, 0, 1])
        let weights: [Float] = [0.7, 1.6]
        func loss() -> Float {
            network.reseedDropout(99)
            var dl = [Float](repeating: 0, count: 6)
            let logits = network.forward(batch, dropout: true)
            return logits.withUnsafeBufferPointer {
                CrossEntropy.forwardBackward(logits: $0.baseAddress!, labels: batch.labels, classWeights: weights, numLabels: 2, dlogits: &dl)
            }
        }
        network.reseedDropout(99)
        network.forward(batch, dropout: true)
        network.backward(labels: batch.labels, classWeights: weights)
        var failures: [String] = []
        let epsilon: Float = 1e-2
        for tensor in network.layout.tensors {
            let analytic = network.gradientValues(tensor.name)!
            var original = network.parameterValues(tensor.name)!
            // A few entries per tensor, including the largest gradient.
            let largest = analytic.indices.max { abs(analytic[$0]) < abs(analytic[$1]) }!
            for index in Set([0, tensor.count / 2, tensor.count - 1, largest]) {
                let saved = original[index]
                original[index] = saved + epsilon
                network.setParameter(tensor.name, original)
                let plus = loss()
                original[index] = saved - epsilon
                network.setParameter(tensor.name, original)
                let minus = loss()
                original[index] = saved
                network.setParameter(tensor.name, original)
                let numeric = (plus - minus) / (2 * epsilon)
                if abs(numeric - analytic[index]) > 2e-3 + 3e-2 * abs(analytic[index]) {
                    failures.append("\(tensor.name)[\(index)]: analytic \(analytic[index]), numeric \(numeric)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
