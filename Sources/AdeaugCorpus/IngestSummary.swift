import AdeaugCore

/// What an ingest did, as printed by `adeaug ingest` and kept in the workspace for `report`.
public struct IngestSummary: Sendable, Codable {
    public var corpusPath: String
    public var files: [String]
    public var format: CorpusFormat
    public var splitMethod: SplitMethod
    public var testFraction: Double
    public var seed: UInt64
    public var conflictPolicy: ConflictPolicy
    public var deduplication: DeduplicationStats
    /// The conflicts, as many as `conflictSampleLimit` (the workspace keeps them all).
    public var conflicts: [LabelConflict]
    public var split: SplitStatistics

    static let conflictSampleLimit = 20
}
