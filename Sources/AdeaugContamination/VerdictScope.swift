/// Which kind of check a stored verdict comes from.
public enum VerdictScope: String, Sendable, Codable, CaseIterable {
    /// Candidates for training (generated, or from a user's file).
    case candidates
    /// Test sentences of the workspace's split, audited against train and the pretraining index.
    case audit
}
