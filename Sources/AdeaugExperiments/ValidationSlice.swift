/// Gold labels and `P(Adverse_Event)` for sentences a trainer held out of training: where the
/// comparison picks a decision threshold, never on the test split.
public struct ValidationSlice: Sendable, Hashable, Codable {
    public var labels: [Bool]
    public var probabilities: [Double]

    public init(labels: [Bool], probabilities: [Double]) {
        precondition(labels.count == probabilities.count)
        self.labels = labels
        self.probabilities = probabilities
    }

    /// Which held-out positions of `training` may choose a threshold: real sentences only, and
    /// none whose text the model trained on.
    ///
    /// A trainer's validation slice is drawn from the rebalanced set. Added positives would give
    /// it the set's positive share (50% after oversampling) instead of the real 1.5%, and the
    /// F1-best threshold depends on that share; an oversampled copy, or a real sentence whose
    /// copy stayed in training, has been learnt and scores too high. Either would tune the
    /// threshold for data unlike the test split.
    public static func usablePositions(training: [TrainingItem], heldOut: [Int]) -> [Int] {
        let held = Set(heldOut)
        let trainedTexts = Set(training.indices.lazy.filter { !held.contains($0) }.map { training[$0].text })
        return heldOut.filter { training[$0].origin == .real && !trainedTexts.contains(training[$0].text) }
    }
}
