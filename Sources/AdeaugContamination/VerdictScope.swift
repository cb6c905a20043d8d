/// Which kind of check a stored verdict comes from.
public enum VerdictScope: String, Sendable, Codable, CaseIterable {
    /// The workspace's generated candidates: what rebalancing reads.
    case candidates
    /// Candidates from a user's file (`check --candidates FILE --record`).
    case files
    /// Test sentences of the workspace's split, audited against train and the pretraining index.
    case audit
}
