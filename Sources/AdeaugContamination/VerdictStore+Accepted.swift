import AdeaugCore

extension VerdictStore {
    /// Ids of the workspace candidates that the latest workspace check accepted: what
    /// rebalancing may add to a training set. Empty when no check has run.
    public func acceptedCandidateIDs() throws -> Set<Int64> {
        let ids = try workspace.database.prepare("""
            SELECT candidate_id FROM contamination_verdicts
            WHERE scope = 'candidates' AND reason = 'accepted'
              AND run_id = (SELECT max(run_id) FROM contamination_verdicts WHERE scope = 'candidates')
            """).rows { $0.text(0) }
        return Set(ids.compactMap { Int64($0) })
    }
}

extension VerdictStore {
    /// Ids of every candidate any workspace check has judged (to tell whether a resumed run
    /// has new candidates to check).
    public func checkedCandidateIDs() throws -> Set<Int64> {
        let ids = try workspace.database.prepare(
            "SELECT DISTINCT candidate_id FROM contamination_verdicts WHERE scope = 'candidates'"
        ).rows { $0.text(0) }
        return Set(ids.compactMap { Int64($0) })
    }
}
