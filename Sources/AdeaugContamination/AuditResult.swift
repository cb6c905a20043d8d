import Foundation

/// What `CorpusAudit` found.
public struct AuditResult: Sendable, Codable {
    public var testSentences: Int
    public var trainSentences: Int
    /// Test sentences whose normalised text is also in train.
    public var exactInTrain: Int
    /// Test sentences with a near-duplicate (not exact) in train.
    public var nearInTrain: Int
    /// Test sentences found in the pretraining index; nil when none was given.
    public var inPretraining: Int?
    public var verdicts: [Verdict]

    enum CodingKeys: String, CodingKey {
        case testSentences = "test_sentences"
        case trainSentences = "train_sentences"
        case exactInTrain = "exact_in_train"
        case nearInTrain = "near_in_train"
        case inPretraining = "in_pretraining"
        case verdicts
    }

    /// A short human summary with a few examples.
    public var text: String {
        let leaked = exactInTrain + nearInTrain
        let share = testSentences == 0 ? 0 : 100 * Double(leaked) / Double(testSentences)
        var lines = [
            "test sentences: \(testSentences), train sentences: \(trainSentences)",
            "test sentences with a copy in train: \(leaked) (\(String(format: "%.1f", share))%): exact \(exactInTrain), near \(nearInTrain)",
        ]
        if let inPretraining { lines.append("test sentences found in the pretraining index: \(inPretraining)") }
        for verdict in verdicts.filter({ $0.verdict == .trainNearCopy && $0.exact != true }).prefix(5) {
            lines.append("  near: \(verdict.text)")
            lines.append("     ~ \(verdict.matchedText ?? "") (similarity \(String(format: "%.2f", verdict.score ?? 0)))")
        }
        return lines.joined(separator: "\n")
    }
}

extension AuditResult {
    /// The same result listing only the test sentences with a finding (for `--json` output).
    public func findingsOnly() -> AuditResult {
        var copy = self
        copy.verdicts = verdicts.filter { $0.verdict != .accepted || $0.pretrainingFraction != nil }
        return copy
    }
}
