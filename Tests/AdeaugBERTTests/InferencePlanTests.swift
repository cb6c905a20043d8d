import AdeaugCore
import Testing
@testable import AdeaugBERT

/// A forward pass that keeps no activations (prediction, serving) shares one set of buffers
/// across layers; it must give exactly the logits and [CLS] states of the training-mode pass,
/// and take far less memory.
struct InferencePlanTests {
    static let sequences: [[Int32]] = [[1, 5, 9, 2], [1, 7, 3, 11, 4, 2], [1, 2], [1, 8, 8, 13, 14, 6, 2], [1, 4, 2]]

    /// Three layers, so a middle layer reads what another overwrote in the shared buffers.
    static func randomNetwork() -> BertNetwork {
        let config = BertConfig(
            vocabSize: 23, hiddenSize: 8, numHiddenLayers: 3, numAttentionHeads: 2, intermediateSize: 16,
            maxPositionEmbeddings: 12, layerNormEps: 1e-12)
        let network = BertNetwork(config: config, numLabels: 2)
        var generator = SeededGenerator(seed: 11)
        for tensor in network.layout.tensors {
            let isNormWeight = tensor.name.contains("LayerNorm.weight")
            network.setParameter(tensor.name, (0..<tensor.count).map { _ in (isNormWeight ? 1 : 0) + 0.4 * BertNetwork.normal(&generator) })
        }
        return network
    }

    @Test func givesTheSameLogitsAsAPassKeptForBackward() {
        let kept = Self.randomNetwork()
        let shared = Self.randomNetwork()
        let batch = BertBatch(sequences: Self.sequences)
        let expected = kept.forward(batch, dropout: false)
        let expectedCLS = kept.clsHidden
        // Twice: the second pass starts from buffers the first left full.
        for _ in 0..<2 {
            #expect(shared.forward(batch, dropout: false, forBackward: false) == expected)
            #expect(shared.clsHidden == expectedCLS)
        }
        // And after a training-size plan left larger buffers behind.
        shared.forward(BertBatch(sequences: Array(Self.sequences.prefix(2))), dropout: false)
        #expect(shared.forward(batch, dropout: false, forBackward: false) == expected)
    }

    @Test func needsAboutAnEighthOfTheFloatsPerToken() {
        // all-MiniLM-L6-v2's shape
        let config = BertConfig(
            vocabSize: 30522, hiddenSize: 384, numHiddenLayers: 6, numAttentionHeads: 12, intermediateSize: 1536,
            maxPositionEmbeddings: 512, layerNormEps: 1e-12)
        let batch = BertBatch(sequences: Array(repeating: [Int32](repeating: 5, count: 40), count: 16))
        let training = ActivationPlan(batch: batch, config: config)
        let inference = ActivationPlan(batch: batch, config: config, forBackward: false)
        #expect(inference.bytes == 0)
        #expect(inference.floats * 6 < training.floats, "\(inference.floats) vs \(training.floats)")
    }
}
