import Testing
@testable import AdeaugBERT

/// Splitting a batch across threads must give the whole batch's loss and gradients.
struct DataParallelBertTests {
    @Test func twoThreadsGiveTheSingleThreadGradients() {
        let single = FiniteDifferenceTests.randomNetwork()
        let sequences: [[Int32]] = [[1, 5, 9, 2], [1, 7, 3, 11, 4, 2], [1, 2], [1, 8, 8, 2], [1, 4, 2]]
        let labels = [1, 0, 1, 0, 0]
        let weights: [Float] = [0.8, 1.7]
        single.forward(BertBatch(sequences: sequences, labels: labels), dropout: false)
        let loss = single.backward(labels: labels, classWeights: weights)

        let network = FiniteDifferenceTests.randomNetwork()
        let parallel = DataParallelBert(network: network, threads: 2, dropoutSeed: 1)
        // Two steps: the second checks that rows written by the other replica are cleared.
        parallel.trainStep(sequences: [[1, 12, 13, 2], [1, 14, 2]], labels: [0, 1], dropout: false, classWeights: weights)
        let parallelLoss = parallel.trainStep(sequences: sequences, labels: labels, dropout: false, classWeights: weights)
        #expect(abs(loss - parallelLoss) < 1e-5)
        for tensor in network.layout.tensors {
            let a = single.gradientValues(tensor.name)!, b = network.gradientValues(tensor.name)!
            let worst = zip(a, b).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-5, "\(tensor.name) differs by \(worst)")
        }
    }

    /// Dividing the weighted loss by the batch size instead of its total weight scales loss and
    /// gradients by total weight / batch size, and nothing else.
    @Test func aBatchSizeDivisorRescalesLossAndGradients() {
        let sequences: [[Int32]] = [[1, 5, 9, 2], [1, 7, 3, 11, 4, 2], [1, 2], [1, 8, 8, 2]]
        let labels = [1, 0, 0, 0]
        let weights: [Float] = [0.6, 3.0]
        let totalWeight = CrossEntropy.totalWeight(labels: labels, classWeights: weights)  // 4.8
        let byWeight = FiniteDifferenceTests.randomNetwork()
        let byBatch = FiniteDifferenceTests.randomNetwork()
        let lossByWeight = DataParallelBert(network: byWeight, threads: 2, dropoutSeed: 1)
            .trainStep(sequences: sequences, labels: labels, dropout: false, classWeights: weights)
        let lossByBatch = DataParallelBert(network: byBatch, threads: 2, dropoutSeed: 1)
            .trainStep(sequences: sequences, labels: labels, dropout: false, classWeights: weights, lossNormalizer: Double(labels.count))
        let scale = Float(totalWeight / Double(labels.count))
        #expect(abs(lossByBatch - lossByWeight * scale) < 1e-5)
        for tensor in byWeight.layout.tensors {
            let a = byWeight.gradientValues(tensor.name)!, b = byBatch.gradientValues(tensor.name)!
            let worst = zip(a, b).map { abs($0 * scale - $1) }.max()!
            #expect(worst < 1e-5, "\(tensor.name) differs by \(worst)")
        }
    }
}
