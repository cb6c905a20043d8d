import AdeaugCore

/// A trained classifier that scores sentences one batch at a time: `P(Adverse_Event)` each.
public protocol TextScorer {
    func positiveProbabilities(_ texts: [String]) throws -> [Double]
}

extension ClassifierTrainer {
    /// For trainers that cannot keep a trained model: every call trains again with the same
    /// seed (so the same model, for deterministic trainers) and scores the texts.
    public func trainScorer(training: [TrainingItem], seed: UInt64) throws -> any TextScorer {
        RetrainingScorer(trainer: self, training: training, seed: seed)
    }
}

struct RetrainingScorer: TextScorer {
    var trainer: any ClassifierTrainer
    var training: [TrainingItem]
    var seed: UInt64

    func positiveProbabilities(_ texts: [String]) throws -> [Double] {
        guard !texts.isEmpty else { return [] }
        let asExamples = texts.enumerated().map {
            Example(id: Int64($0.offset), text: $0.element, label: .adverseEvent, split: .test, pmids: [],
                    source: SourceLocation(file: "candidate", line: $0.offset + 1), rowCount: 1)
        }
        return try trainer.trainAndScore(training: training, test: asExamples, seed: seed).probabilities
    }
}
