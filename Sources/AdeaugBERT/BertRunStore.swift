import AdeaugCore
import Foundation

/// The BERT stage's tables in the workspace: one row per training or evaluation run (tied to
/// the core `runs` row for provenance, with hyperparameters and metrics as JSON), the loss
/// curve of each training run, and the per-sentence predictions of each evaluation.
public struct BertRunStore {
    static let schema = WorkspaceSchema(component: "bert", migrations: [
        """
        CREATE TABLE bert_runs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            kind TEXT NOT NULL CHECK (kind IN ('train', 'evaluate')),
            model TEXT NOT NULL,
            checkpoint TEXT,
            hyperparameters TEXT NOT NULL,
            metrics TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL
        );
        CREATE TABLE bert_loss_curve (
            bert_run_id INTEGER NOT NULL REFERENCES bert_runs(id),
            step INTEGER NOT NULL,
            epoch REAL NOT NULL,
            loss REAL NOT NULL,
            learning_rate REAL NOT NULL,
            PRIMARY KEY (bert_run_id, step)
        );
        CREATE TABLE bert_predictions (
            bert_run_id INTEGER NOT NULL REFERENCES bert_runs(id),
            example_id INTEGER NOT NULL,
            label INTEGER NOT NULL,
            predicted INTEGER NOT NULL,
            probability REAL NOT NULL,
            PRIMARY KEY (bert_run_id, example_id)
        );
        """,
    ])

    public let workspace: Workspace

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.migrate(Self.schema)
    }

    /// Stores a finished training run; returns the `bert_runs` id.
    @discardableResult
    public func recordTraining(
        command: String, arguments: [String], model: String, checkpoint: String, report: TrainingReport, startedAt: String
    ) throws -> Int64 {
        let database = workspace.database
        return try database.transaction {
            let runID = try workspace.recordRun(command: command, arguments: arguments)
            var metrics: [String: Any] = [
                "train_count": report.trainCount, "validation_count": report.validationCount, "kept_step": report.keptStep,
                "stopped_early": report.stoppedEarly, "train_seconds": report.trainSeconds,
                "samples_per_second": report.samplesPerSecond, "steps": report.steps.count,
            ]
            if let last = report.validations.first(where: { $0.step == report.keptStep }) ?? report.validations.last {
                metrics["validation"] = last.metrics.summary
            }
            try database.prepare("""
                INSERT INTO bert_runs(run_id, kind, model, checkpoint, hyperparameters, metrics, started_at, finished_at)
                VALUES(?, 'train', ?, ?, ?, ?, ?, ?)
                """).run(
                    .integer(runID), .text(model), .text(checkpoint), .text(try Self.json(report.options)),
                    .text(try Self.json(object: metrics)), .text(startedAt), .text(Timestamp.now()))
            let id = database.lastInsertRowID
            let insert = try database.prepare("INSERT INTO bert_loss_curve(bert_run_id, step, epoch, loss, learning_rate) VALUES(?, ?, ?, ?, ?)")
            for step in report.steps {
                try insert.run(.integer(id), .int(step.step), .real(step.epoch), .real(Double(step.loss)), .real(Double(step.learningRate)))
            }
            return id
        }
    }

    /// Stores an evaluation with its per-sentence predictions; returns the `bert_runs` id.
    @discardableResult
    public func recordEvaluation(
        command: String, arguments: [String], checkpoint: String, metrics: ClassificationMetrics,
        predictions: [(exampleID: Int64, label: Int, probability: Float)], startedAt: String
    ) throws -> Int64 {
        let database = workspace.database
        return try database.transaction {
            let runID = try workspace.recordRun(command: command, arguments: arguments)
            try database.prepare("""
                INSERT INTO bert_runs(run_id, kind, model, checkpoint, hyperparameters, metrics, started_at, finished_at)
                VALUES(?, 'evaluate', ?, ?, '{}', ?, ?, ?)
                """).run(
                    .integer(runID), .text(checkpoint), .text(checkpoint), .text(try Self.json(object: metrics.summary)),
                    .text(startedAt), .text(Timestamp.now()))
            let id = database.lastInsertRowID
            let insert = try database.prepare("INSERT INTO bert_predictions(bert_run_id, example_id, label, predicted, probability) VALUES(?, ?, ?, ?, ?)")
            for p in predictions {
                try insert.run(.integer(id), .integer(p.exampleID), .int(p.label), .int(p.probability >= 0.5 ? 1 : 0), .real(Double(p.probability)))
            }
            return id
        }
    }

    /// Number of stored runs of a kind (tests, reports).
    public func runCount(kind: String) throws -> Int {
        try workspace.database.prepare("SELECT COUNT(*) FROM bert_runs WHERE kind = ?").rows(.text(kind)) { $0.int(0) }.first ?? 0
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func json(object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
