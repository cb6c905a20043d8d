import AdeaugCore

/// Keeps only the candidates that a classifier trained on the real training data believes are
/// adverse events. Small generators write fluent medical sentences that describe no adverse
/// event at all; adding those as positives is label noise, the known failure of LLM augmentation.
public struct LabelFilter {
    public var trainer: any ClassifierTrainer
    /// Minimum `P(Adverse_Event)` to keep a candidate.
    public var threshold: Double
    public var seed: UInt64

    public init(trainer: any ClassifierTrainer, threshold: Double = 0.5, seed: UInt64 = 42) {
        self.trainer = trainer
        self.threshold = threshold
        self.seed = seed
    }

    public struct Verdict: Sendable, Hashable, Codable {
        public var candidateID: Int64
        public var probability: Double
        public var accepted: Bool
    }

    /// Scores `candidates` and records every verdict (with its probability) in one transaction.
    public func apply(to candidates: [Candidate], training: [Example], workspace: Workspace, arguments: [String]) throws -> [Verdict] {
        guard !candidates.isEmpty else { return [] }
        try workspace.migrate(ExperimentsSchema.schema)
        let items = training.map { TrainingItem(text: $0.text, label: $0.label, origin: .real, sourceID: $0.id) }
        let asExamples = candidates.map {
            Example(id: $0.id, text: $0.text, label: $0.label, split: .test, pmids: [],
                    source: SourceLocation(file: $0.origin, line: 0), rowCount: 1)
        }
        let run = try trainer.trainAndScore(training: items, test: asExamples, seed: seed)
        let verdicts = zip(candidates, run.probabilities).map {
            Verdict(candidateID: $0.id, probability: $1, accepted: $1 >= threshold)
        }
        try workspace.database.transaction {
            let runID = try workspace.recordRun(command: "label-filter", arguments: arguments)
            let insert = try workspace.database.prepare(
                "INSERT INTO label_filter_verdicts(run_id, candidate_id, probability, threshold, accepted) VALUES(?, ?, ?, ?, ?)")
            for verdict in verdicts {
                try insert.run(.integer(runID), .integer(verdict.candidateID), .real(verdict.probability), .real(threshold), .int(verdict.accepted ? 1 : 0))
            }
        }
        return verdicts
    }
}
