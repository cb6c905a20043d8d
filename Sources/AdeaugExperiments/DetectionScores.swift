/// Precision, recall and F1 of the `Adverse_Event` class from gold and predicted labels.
public struct DetectionScores: Sendable, Hashable, Codable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var trueNegatives: Int

    public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double {
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        return denominator == 0 ? 0 : Double(2 * truePositives) / Double(denominator)
    }

    public init(gold: [Bool], predicted: [Bool]) {
        precondition(gold.count == predicted.count)
        self.init(gold: gold, predicted: predicted, indices: gold.indices)
    }

    /// Scores on a resample: `indices` may repeat (bootstrap) and need not cover everything.
    public init<Indices: Sequence>(gold: [Bool], predicted: [Bool], indices: Indices) where Indices.Element == Int {
        var tp = 0, fp = 0, fn = 0, tn = 0
        for index in indices {
            switch (gold[index], predicted[index]) {
            case (true, true): tp += 1
            case (false, true): fp += 1
            case (true, false): fn += 1
            case (false, false): tn += 1
            }
        }
        truePositives = tp
        falsePositives = fp
        falseNegatives = fn
        trueNegatives = tn
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
