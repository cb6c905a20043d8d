import Testing
@testable import AdeaugBERT

/// AdamW leaves the moments of word-embedding rows that never had a gradient alone and only
/// decays them; the parameters must come out exactly as the element-wise update over the whole
/// buffer gives them (PyTorch's AdamW, which updates every row).
struct AdamWUnseenRowsTests {
    @Test func skippingUnseenRowsGivesTheFullUpdateBitForBit() {
        let network = FiniteDifferenceTests.randomNetwork()
        let parallel = DataParallelBert(network: network, threads: 2, dropoutSeed: 3)
        let optimizer = AdamW(parameterCount: network.parameterCount, weightDecay: 0.01)
        let count = network.parameterCount
        // The reference: the element-wise update over every parameter, moments for every row.
        var parameters = network.parameterValues(all: ())
        var m = [Float](repeating: 0, count: count), v = [Float](repeating: 0, count: count)
        let steps: [[[Int32]]] = [[[1, 5, 9, 2], [1, 7, 3, 2]], [[1, 12, 2], [1, 5, 4, 2]], [[1, 8, 2], [1, 3, 3, 2]]]
        for (step, sequences) in steps.enumerated() {
            parallel.trainStep(sequences: sequences, labels: [1, 0], dropout: false, classWeights: nil)
            var gradients = network.gradientValues(all: ())
            let learningRate: Float = 1e-3, scale: Float = 0.5
            optimizer.update(network, learningRate: learningRate, threads: 2, gradientScale: scale)
            let correction1 = 1 - Float(Double(optimizer.beta1).power(step + 1))
            let correction2 = 1 - Float(Double(optimizer.beta2).power(step + 1))
            for tensor in network.layout.tensors {
                let o = tensor.offset
                parameters.withUnsafeMutableBufferPointer { p in
                    gradients.withUnsafeMutableBufferPointer { g in
                        m.withUnsafeMutableBufferPointer { mp in
                            v.withUnsafeMutableBufferPointer { vp in
                                AdamW.update(
                                    p.baseAddress! + o, g.baseAddress! + o, mp.baseAddress! + o, vp.baseAddress! + o,
                                    count: tensor.count, decay: tensor.decays ? 1 - learningRate * 0.01 : 1,
                                    stepSize: learningRate / correction1, rootCorrection2: correction2.squareRoot(),
                                    beta1: optimizer.beta1, beta2: optimizer.beta2, epsilon: optimizer.epsilon, gradientScale: scale)
                            }
                        }
                    }
                }
            }
            let after = network.parameterValues(all: ())
            let differing = zip(after, parameters).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "step \(step + 1): \(differing) parameters differ from the full update")
        }
        // A row no batch held (token 20) was decayed at each step, nothing else.
        let h = network.config.hiddenSize, unseen = 20
        let before = FiniteDifferenceTests.randomNetwork().parameterValues("bert.embeddings.word_embeddings.weight")!
        let now = network.parameterValues("bert.embeddings.word_embeddings.weight")!
        let decay: Float = 1 - 1e-3 * 0.01
        #expect(now[unseen * h] == before[unseen * h] * decay * decay * decay)
        #expect(now[unseen * h] != before[unseen * h])
    }
}

extension BertNetwork {
    /// The whole parameter (or gradient) buffer.
    fileprivate func parameterValues(all: Void) -> [Float] { Array(UnsafeBufferPointer(start: parameters.pointer, count: parameterCount)) }
    fileprivate func gradientValues(all: Void) -> [Float] { Array(UnsafeBufferPointer(start: gradients.pointer, count: parameterCount)) }
}

extension Double {
    fileprivate func power(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * self } }
}
