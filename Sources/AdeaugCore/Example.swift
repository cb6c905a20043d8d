/// One labelled sentence of the active corpus as stored in the workspace: the unit that is
/// split, exported, trained on and tested against. For the deduplicated protocols an example
/// is one distinct sentence; for the `rows` protocol it is one raw row of the corpus.
public struct Example: Sendable, Hashable, Codable {
    public var id: Int64
    public var text: String
    public var label: Label
    public var split: SplitName
    /// PubMed IDs of the abstracts the sentence came from (several when abstracts share it).
    public var pmids: [String]
    /// Where the first copy of the sentence was read.
    public var source: SourceLocation
    /// How many raw corpus rows this example stands for.
    public var rowCount: Int

    public init(
        id: Int64, text: String, label: Label, split: SplitName, pmids: [String],
        source: SourceLocation, rowCount: Int
    ) {
        self.id = id
        self.text = text
        self.label = label
        self.split = split
        self.pmids = pmids
        self.source = source
        self.rowCount = rowCount
    }
}

/// A file and a 1-based line number: where a row came from, or where bad input was found.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}
