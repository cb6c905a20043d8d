/// What the checker asks of a pretraining-text index: how much of a sentence it holds.
/// `PretrainingIndex` answers it from SQLite; tests can answer from memory.
public protocol PretrainingLookup {
    func lookup(_ text: String) throws -> PretrainingEvidence
}
