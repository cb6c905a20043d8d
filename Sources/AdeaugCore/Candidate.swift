/// A generated sentence proposed for training, as stored in the workspace.
public struct Candidate: Sendable, Hashable, Codable {
    public var id: Int64
    public var text: String
    public var label: Label
    /// Which step made it, e.g. `generate:response:42` (the response row it was parsed from).
    public var origin: String

    public init(id: Int64, text: String, label: Label, origin: String) {
        self.id = id
        self.text = text
        self.label = label
        self.origin = origin
    }
}

/// Reading and adding candidates.
extension Workspace {
    /// Adds one candidate and returns its id. Call inside the writing command's transaction.
    @discardableResult
    public func insertCandidate(text: String, label: Label, origin: String, runID: Int64) throws -> Int64 {
        try database.prepare("""
            INSERT INTO candidates(run_id, text, normalized, label, origin, created_at) VALUES(?, ?, ?, ?, ?, ?)
            """).run(
                .integer(runID), .text(text), .text(TextNormalizer().normalize(text)), .int(label.rawValue),
                .text(origin), .text(Timestamp.now()))
        return database.lastInsertRowID
    }

    /// Every candidate (of one label when given), oldest first.
    public func candidates(label: Label? = nil) throws -> [Candidate] {
        let base = "SELECT id, text, label, origin FROM candidates"
        let statement = try database.prepare(label == nil ? base + " ORDER BY id" : base + " WHERE label = ? ORDER BY id")
        try statement.bind(label.map { [.int($0.rawValue)] } ?? [])
        var result: [Candidate] = []
        while try statement.step() {
            result.append(Candidate(
                id: statement.int64(0), text: statement.text(1),
                label: Label(rawValue: statement.int(2)) ?? .adverseEvent, origin: statement.text(3)))
        }
        return result
    }
}
