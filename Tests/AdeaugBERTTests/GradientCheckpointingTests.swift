import Testing
@testable import AdeaugBERT

/// Gradient checkpointing recomputes each layer below the last in backward, with the dropout
/// masks of the first pass: the gradients and the loss must be those of the plain pass, bit for
/// bit, and a training run must end on the same parameters.
struct GradientCheckpointingTests {
    static let sequences: [[Int32]] = [[1, 5, 9, 2], [1, 7, 3, 11, 4, 2], [1, 2], [1, 8, 8, 6, 13, 9, 10, 2]]

    static func gradients(checkpointing: Bool, dropout: Bool) -> (loss: Float, gradients: [Float]) {
        let network = FiniteDifferenceTests.randomNetwork()
        network.gradientCheckpointing = checkpointing
        network.reseedDropout(5)
        network.forward(BertBatch(sequences: sequences, labels: [1, 0, 1, 0]), dropout: dropout)
        let loss = network.backward(labels: [1, 0, 1, 0], classWeights: [0.6, 1.7])
        return (loss, Array(UnsafeBufferPointer(start: network.gradients.pointer, count: network.parameterCount)))
    }

    @Test(arguments: [false, true])
    func theGradientsAreThePlainPassesBitForBit(dropout: Bool) {
        #expect(FiniteDifferenceTests.config.numHiddenLayers >= 2, "needs a layer below the last to recompute")
        let plain = Self.gradients(checkpointing: false, dropout: dropout)
        let recomputed = Self.gradients(checkpointing: true, dropout: dropout)
        #expect(plain.loss.bitPattern == recomputed.loss.bitPattern)
        let differing = zip(plain.gradients, recomputed.gradients).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0, "\(differing) of \(plain.gradients.count) gradients differ")
        #expect(plain.gradients.contains { $0 != 0 })
    }

    @Test func itKeepsLessActivationMemory() {
        let config = BertConfig(vocabSize: 30, hiddenSize: 8, numHiddenLayers: 4, numAttentionHeads: 2, intermediateSize: 32)
        let batch = BertBatch(sequences: Self.sequences)
        let plain = ActivationPlan(batch: batch, config: config)
        let checkpointed = ActivationPlan(batch: batch, config: config, gradientCheckpointing: true)
        #expect(checkpointed.recomputes && !plain.recomputes)
        #expect(checkpointed.floats < plain.floats * 2 / 3)
    }

    @Test func aTrainingRunEndsOnTheSameParameters() {
        func train(_ checkpointing: Bool) -> [Float] {
            let network = FiniteDifferenceTests.randomNetwork()
            let parallel = DataParallelBert(network: network, threads: 2, dropoutSeed: 9, gradientCheckpointing: checkpointing)
            let optimizer = AdamW(parameterCount: network.parameterCount, weightDecay: 0.01)
            for step in 0..<3 {
                parallel.trainStep(sequences: Array(Self.sequences.dropFirst(step % 2)), labels: [1, 0, 1, 0].dropFirst(step % 2).map { $0 }, dropout: true, classWeights: nil)
                optimizer.update(network, learningRate: 1e-3, threads: 2)
            }
            return Array(UnsafeBufferPointer(start: network.parameters.pointer, count: network.parameterCount))
        }
        let plain = train(false), checkpointed = train(true)
        #expect(zip(plain, checkpointed).allSatisfy { $0.bitPattern == $1.bitPattern })
    }
}
