import AdeaugCore

/// Everything `adeaug ingest` can be told.
public struct IngestOptions: Sendable {
    public var corpusPath: String
    public var format: CorpusFormat = .auto
    /// Nil: `given` when the input comes split, `stratified` otherwise.
    public var splitMethod: SplitMethod?
    public var testFraction: Double = 0.2
    public var seed: UInt64 = 42
    public var conflictPolicy: ConflictPolicy = .exclude
    public var columns = ColumnNames()

    public init(corpusPath: String) {
        self.corpusPath = corpusPath
    }

    func validate() throws {
        guard testFraction > 0 && testFraction < 1 else {
            throw CorpusError.invalidOption("--test-fraction must be between 0 and 1 (exclusive), got \(testFraction).")
        }
    }
}
