import AdeaugCore

/// The workspace's finished comparison runs (`comparison_runs`): what makes a killed comparison
/// resume, and where a grid's merge folds its tasks' runs.
public struct ComparisonRunStore {
    public var workspace: Workspace

    /// Reading needs no migration: a workspace without the table simply has no run.
    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func run(for key: ComparisonRunKey) throws -> TrainedRun? {
        let table = try workspace.database.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'comparison_runs'").rows { $0.int(0) }
        guard table.first == 1 else { return nil }
        let rows = try workspace.database.prepare("""
            SELECT result_json FROM comparison_runs
            WHERE protocol = ? AND condition = ? AND seed = ? AND fingerprint = ? AND test_fingerprint = ?
            """).rows(.text(key.protocolName), .text(key.condition), .integer(Int64(bitPattern: key.seed)),
                      .text(key.fingerprint), .text(key.testFingerprint)) { $0.text(0) }
        return try rows.first.map { try JSONText.decode(TrainedRun.self, from: $0) }
    }

    /// Stores runs under one provenance row of `command`, in one transaction.
    public func store(_ runs: [(key: ComparisonRunKey, run: TrainedRun)], command: String, arguments: [String]) throws {
        guard !runs.isEmpty else { return }
        try workspace.migrate(ExperimentsSchema.schema)
        try workspace.database.transaction {
            let runID = try workspace.recordRun(command: command, arguments: arguments)
            let insert = try workspace.database.prepare("""
                INSERT OR REPLACE INTO comparison_runs(run_id, protocol, condition, seed, fingerprint, test_fingerprint, result_json, created_at)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (key, run) in runs {
                try insert.run(.integer(runID), .text(key.protocolName), .text(key.condition), .integer(Int64(bitPattern: key.seed)),
                               .text(key.fingerprint), .text(key.testFingerprint), .text(try JSONText.encode(run)), .text(Timestamp.now()))
            }
        }
    }
}
