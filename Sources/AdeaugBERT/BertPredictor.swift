import Foundation

/// Runs a network in eval mode over many sentences, in length-sorted batches, and returns
/// each sentence's class probabilities in input order.
public struct BertPredictor {
    public let parallel: DataParallelBert
    public let tokenizer: BertTokenizer
    public var maxLength: Int
    public var batchSize: Int
    /// Most padded tokens (sentences × the longest) in one forward pass of more than one
    /// sentence: what bounds a pass's buffers (a server sets it; batch prediction need not).
    public var maxBatchTokens: Int

    public init(parallel: DataParallelBert, tokenizer: BertTokenizer, maxLength: Int = 128, batchSize: Int = 64, maxBatchTokens: Int = .max) {
        self.parallel = parallel
        self.tokenizer = tokenizer
        self.maxLength = maxLength
        self.batchSize = batchSize
        self.maxBatchTokens = maxBatchTokens
    }

    /// Runs `network` on all cores.
    public init(network: BertNetwork, tokenizer: BertTokenizer, maxLength: Int = 128, batchSize: Int = 64, maxBatchTokens: Int = .max) {
        self.init(
            parallel: DataParallelBert(network: network, dropoutSeed: 0), tokenizer: tokenizer, maxLength: maxLength, batchSize: batchSize,
            maxBatchTokens: maxBatchTokens)
    }

    public var network: BertNetwork { parallel.network }

    /// Probability of class 1 (`Adverse_Event`) for each text.
    public func positiveProbabilities(_ texts: [String], progress: (Int) -> Void = { _ in }) -> [Float] {
        let encoded = texts.map { tokenizer.encode($0, maxLength: maxLength) }
        return positiveProbabilities(encoded: encoded, progress: progress)
    }

    public func positiveProbabilities(encoded: [[Int32]], progress: (Int) -> Void = { _ in }) -> [Float] {
        let c = network.numLabels
        return classProbabilities(encoded: encoded, progress: progress).map { $0[min(1, c - 1)] }
    }

    /// Every class's probability for each text (`adeaug serve` answers with all labels).
    public func classProbabilities(_ texts: [String]) -> [[Float]] {
        classProbabilities(encoded: texts.map { tokenizer.encode($0, maxLength: maxLength) })
    }

    public func classProbabilities(encoded: [[Int32]], progress: (Int) -> Void = { _ in }) -> [[Float]] {
        var result = [[Float]](repeating: [], count: encoded.count)
        var done = 0
        let c = network.numLabels
        for indices in LengthBucketedBatcher.sortedBatches(lengths: encoded.map(\.count), batchSize: batchSize, maxTokens: maxBatchTokens) {
            let sequences = indices.map { encoded[$0] }
            network.fillWordEmbeddings(for: sequences)
            let logits = parallel.logits(sequences: sequences)
            for (row, index) in indices.enumerated() {
                result[index] = Self.softmax(Array(logits[(row * c)..<((row + 1) * c)]))
            }
            done += indices.count
            progress(done)
        }
        return result
    }

    static func softmax(_ logits: [Float]) -> [Float] {
        let maximum = logits.max() ?? 0
        let exps = logits.map { Foundation.exp($0 - maximum) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }
}
