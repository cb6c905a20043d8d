import AdeaugCore

/// Everything `adeaug ingest` can be told.
public struct IngestOptions: Sendable, Equatable {
    public var corpusPath: String
    public var format: CorpusFormat = .auto
    /// Nil: `given` when the input comes split, `stratified` otherwise.
    public var splitMethod: SplitMethod?
    public var testFraction = CorpusSettings().testFraction
    public var seed = CorpusSettings().seed
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
