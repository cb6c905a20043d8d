import AdeaugCore

/// The label filter's latest verdict on each candidate it scored, for the quality section.
public enum LabelFilterScores {
    public struct Score: Sendable, Hashable {
        public var probability: Double
        public var threshold: Double
        public var accepted: Bool

        public init(probability: Double, threshold: Double, accepted: Bool) {
            self.probability = probability
            self.threshold = threshold
            self.accepted = accepted
        }
    }

    /// Latest score by candidate id (a later label-filter run replaces an earlier one's verdict).
    public static func latest(in workspace: Workspace) throws -> [Int64: Score] {
        try workspace.migrate(ExperimentsSchema.schema)
        var result: [Int64: Score] = [:]
        _ = try workspace.database.prepare("""
            SELECT candidate_id, probability, threshold, accepted FROM label_filter_verdicts ORDER BY run_id
            """).rows { row in
                result[row.int64(0)] = Score(probability: row.double(1), threshold: row.double(2), accepted: row.int(3) != 0)
            }
        return result
    }
}
