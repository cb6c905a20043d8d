import Foundation

/// Softmax cross-entropy as PyTorch's `CrossEntropyLoss(weight:)` computes it: the mean over
/// the batch, weighted by the class weight of each example's label when weights are given.
enum CrossEntropy {
    /// The total weight (the divisor of the mean) of `labels`.
    static func totalWeight(labels: [Int], classWeights: [Float]?) -> Double {
        labels.reduce(0) { $0 + Double(classWeights?[$1] ?? 1) }
    }

    /// Returns the loss and writes dloss/dlogits into `dlogits` ([B, labels]).
    static func forwardBackward(
        logits: UnsafePointer<Float>, labels: [Int], classWeights: [Float]?, numLabels c: Int, dlogits: inout [Float],
        normalizer: Double? = nil
    ) -> Float {
        let count = labels.count
        guard count > 0 else { return 0 }
        // The divisor is the whole batch's total weight; a data-parallel part passes the full
        // batch's so that the parts' losses and gradients add up to the batch's.
        var totalWeight: Double = 0
        for label in labels { totalWeight += Double(classWeights?[label] ?? 1) }
        if let normalizer { totalWeight = normalizer }
        var loss: Double = 0
        for b in 0..<count {
            let row = logits + b * c
            var maximum = -Float.infinity
            for j in 0..<c { maximum = max(maximum, row[j]) }
            var sum: Double = 0
            for j in 0..<c { sum += Foundation.exp(Double(row[j] - maximum)) }
            let label = labels[b]
            let weight = Double(classWeights?[label] ?? 1)
            let logProbability = Double(row[label] - maximum) - Foundation.log(sum)
            loss -= weight * logProbability
            for j in 0..<c {
                let probability = Foundation.exp(Double(row[j] - maximum)) / sum
                dlogits[b * c + j] = Float(weight * (probability - (j == label ? 1 : 0)) / totalWeight)
            }
        }
        return Float(loss / totalWeight)
    }
}
