/// Binary metrics for the positive class (`Adverse_Event`, index 1): confusion matrix,
/// precision, recall, F1, accuracy and PR-AUC (average precision, as scikit-learn computes it).
public struct ClassificationMetrics: Sendable, Codable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var trueNegatives = 0
    public var falseNegatives = 0
    public var averagePrecision: Double = 0

    public init(labels: [Int], probabilities: [Float], threshold: Float = 0.5) {
        precondition(labels.count == probabilities.count)
        for (label, probability) in zip(labels, probabilities) {
            let predicted = probability >= threshold ? 1 : 0
            switch (label, predicted) {
            case (1, 1): truePositives += 1
            case (0, 1): falsePositives += 1
            case (1, 0): falseNegatives += 1
            default: trueNegatives += 1
            }
        }
        averagePrecision = Self.averagePrecision(labels: labels, scores: probabilities)
    }

    public var count: Int { truePositives + falsePositives + trueNegatives + falseNegatives }
    public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var accuracy: Double { Self.ratio(truePositives + trueNegatives, count) }

    static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    /// Σ (R_n − R_{n−1}) · P_n over score thresholds, ties taken together.
    static func averagePrecision(labels: [Int], scores: [Float]) -> Double {
        let positives = labels.filter { $0 == 1 }.count
        guard positives > 0 else { return 0 }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tp = 0, fp = 0, previousRecall = 0.0, sum = 0.0
        var i = 0
        while i < order.count {
            let score = scores[order[i]]
            while i < order.count && scores[order[i]] == score {
                if labels[order[i]] == 1 { tp += 1 } else { fp += 1 }
                i += 1
            }
            let recall = Double(tp) / Double(positives)
            sum += (recall - previousRecall) * Double(tp) / Double(tp + fp)
            previousRecall = recall
        }
        return sum
    }

    /// The figures as a JSON-friendly dictionary (also what the workspace stores).
    public var summary: [String: Double] {
        [
            "precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy, "pr_auc": averagePrecision,
            "tp": Double(truePositives), "fp": Double(falsePositives), "tn": Double(trueNegatives), "fn": Double(falseNegatives),
        ]
    }
}
