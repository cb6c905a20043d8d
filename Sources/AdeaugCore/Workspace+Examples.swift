/// Reading and replacing the examples of the active corpus.
extension Workspace {
    /// The examples of one split (or all when `split` is nil), in insertion order.
    public func examples(split: SplitName? = nil) throws -> [Example] {
        let base = "SELECT id, text, label, split, pmids, source_file, source_line, row_count FROM examples"
        let statement = try database.prepare(split == nil ? base + " ORDER BY id" : base + " WHERE split = ? ORDER BY id")
        let values: [SQLValue] = split.map { [.text($0.rawValue)] } ?? []
        try statement.bind(values)
        var result: [Example] = []
        while try statement.step() {
            result.append(Example(
                id: statement.int64(0),
                text: statement.text(1),
                label: Label(rawValue: statement.int(2)) ?? .notAdverseEvent,
                split: SplitName(rawValue: statement.text(3)) ?? .train,
                pmids: statement.text(4).split(separator: " ").map(String.init),
                source: SourceLocation(file: statement.text(5), line: statement.int(6)),
                rowCount: statement.int(7)))
        }
        return result
    }

    /// Replaces every example with `examples` (ids are assigned anew). Call inside a transaction.
    public func replaceExamples(_ examples: [NewExample], runID: Int64) throws {
        try database.execute("DELETE FROM examples")
        let insert = try database.prepare("""
            INSERT INTO examples(run_id, text, normalized, label, split, pmids, source_file, source_line, row_count)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for example in examples {
            try insert.run(
                .integer(runID), .text(example.text), .text(example.normalized),
                .int(example.label.rawValue), .text(example.split.rawValue),
                .text(example.pmids.joined(separator: " ")), .text(example.source.file),
                .int(example.source.line), .int(example.rowCount))
        }
    }
}

/// An example about to be stored: what `replaceExamples` takes.
public struct NewExample: Sendable, Hashable {
    public var text: String
    public var normalized: String
    public var label: Label
    public var split: SplitName
    public var pmids: [String]
    public var source: SourceLocation
    public var rowCount: Int

    public init(
        text: String, normalized: String, label: Label, split: SplitName, pmids: [String],
        source: SourceLocation, rowCount: Int
    ) {
        self.text = text
        self.normalized = normalized
        self.label = label
        self.split = split
        self.pmids = pmids
        self.source = source
        self.rowCount = rowCount
    }
}
