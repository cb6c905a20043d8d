import AdeaugCore

/// Stores verdicts in a workspace and reads them back for `adeaug check --report`.
public struct VerdictStore {
    public let workspace: Workspace

    /// Opens the store, creating the contamination tables when missing.
    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.migrate(ContaminationSchema.schema)
    }

    /// Saves one run's verdicts in a single transaction (all or nothing); returns the run id.
    @discardableResult
    public func save(_ verdicts: [Verdict], scope: VerdictScope, command: String, arguments: [String]) throws -> Int64 {
        let database = workspace.database
        return try database.transaction {
            let runID = try workspace.recordRun(command: command, arguments: arguments)
            let insert = try database.prepare("""
                INSERT INTO contamination_verdicts(run_id, scope, position, candidate_id, text, reason,
                    matched_id, matched_text, score, edit_distance, exact, pretraining_fraction, pretraining_url)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, verdict) in verdicts.enumerated() {
                try insert.run(
                    .integer(runID), .text(scope.rawValue), .int(position), .text(verdict.id), .text(verdict.text),
                    .text(verdict.verdict.rawValue), .optionalText(verdict.matchedID),
                    .optionalText(verdict.matchedText), verdict.score.map { .real($0) } ?? .null,
                    verdict.editDistance.map { .int($0) } ?? .null,
                    verdict.exact.map { .int($0 ? 1 : 0) } ?? .null,
                    verdict.pretrainingFraction.map { .real($0) } ?? .null,
                    .optionalText(verdict.pretrainingURL))
            }
            return runID
        }
    }

    /// The verdicts of a run, in the order they were checked.
    public func verdicts(runID: Int64) throws -> [Verdict] {
        try workspace.database.prepare("""
            SELECT candidate_id, text, reason, matched_id, matched_text, score, edit_distance, exact,
                pretraining_fraction, pretraining_url
            FROM contamination_verdicts WHERE run_id = ? ORDER BY position
            """).rows(.integer(runID)) { row in
            var verdict = Verdict(
                id: row.text(0), text: row.text(1), verdict: VerdictReason(rawValue: row.text(2)) ?? .accepted)
            verdict.matchedID = row.optionalText(3)
            verdict.matchedText = row.optionalText(4)
            verdict.score = row.isNull(5) ? nil : row.double(5)
            verdict.editDistance = row.isNull(6) ? nil : row.int(6)
            verdict.exact = row.isNull(7) ? nil : row.int(7) != 0
            verdict.pretrainingFraction = row.isNull(8) ? nil : row.double(8)
            verdict.pretrainingURL = row.optionalText(9)
            return verdict
        }
    }

    /// Counts per reason with up to `examples` examples each, for the latest run of each scope.
    public func report(examples: Int = 3) throws -> ContaminationReport {
        var sections: [ContaminationReport.Section] = []
        for scope in VerdictScope.allCases {
            guard let runID = try workspace.database.prepare(
                "SELECT max(run_id) FROM contamination_verdicts WHERE scope = ?"
            ).rows(.text(scope.rawValue), map: { $0.isNull(0) ? nil : $0.int64(0) }).first ?? nil
            else { continue }
            let started = try workspace.database.prepare("SELECT started_at FROM runs WHERE id = ?")
                .rows(.integer(runID)) { $0.text(0) }.first ?? ""
            let verdicts = try self.verdicts(runID: runID)
            var counts: [ContaminationReport.ReasonCount] = []
            for reason in VerdictReason.allCases {
                let matching = verdicts.filter { $0.verdict == reason }
                guard !matching.isEmpty else { continue }
                counts.append(ContaminationReport.ReasonCount(
                    reason: reason, count: matching.count,
                    examples: reason == .accepted ? [] : Array(matching.prefix(examples))))
            }
            sections.append(ContaminationReport.Section(
                scope: scope, runID: runID, startedAt: started, total: verdicts.count, reasons: counts))
        }
        return ContaminationReport(sections: sections)
    }
}
