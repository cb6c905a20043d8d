import AdeaugCore

/// Search outcomes kept in the workspace, so `compare --tuned` can use the best setting.
public struct TuningStore {
    public let workspace: Workspace

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.migrate(ExperimentsSchema.schema)
    }

    public func save(_ outcome: HyperparameterSearch.Outcome, arguments: [String]) throws {
        try workspace.database.transaction {
            let runID = try workspace.recordRun(command: "tune", arguments: arguments)
            try workspace.database.prepare("INSERT INTO tuning_results(run_id, outcome_json, created_at) VALUES(?, ?, ?)")
                .run(.integer(runID), .text(try JSONText.encode(outcome)), .text(Timestamp.now()))
        }
    }

    /// The latest search's outcome.
    public func latest() throws -> HyperparameterSearch.Outcome {
        let rows = try workspace.database.prepare("SELECT outcome_json FROM tuning_results ORDER BY run_id DESC LIMIT 1").rows { $0.text(0) }
        guard let json = rows.first else {
            throw ExperimentError.missing("No tuning result in the workspace; run `adeaug tune` first.")
        }
        return try JSONText.decode(HyperparameterSearch.Outcome.self, from: json)
    }
}
