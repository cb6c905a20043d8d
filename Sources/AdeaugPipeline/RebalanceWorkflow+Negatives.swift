import AdeaugContamination
import AdeaugCore
import Logging

extension RebalanceWorkflow {
    /// The generated Not_AE candidates the latest contamination check accepted: what
    /// `synthetic-negatives` adds. The label filter is not applied to them: it keeps likely
    /// adverse events and is trained for that class.
    func acceptedNegatives(in workspace: Workspace, logger: Logger) throws -> [Candidate] {
        let acceptedIDs = try VerdictStore(workspace: workspace).acceptedCandidateIDs()
        let negatives = try workspace.candidates(label: .notAdverseEvent).filter { acceptedIDs.contains($0.id) }
        if negatives.isEmpty {
            logger.warning("no Not_AE candidate has passed the contamination check: run `adeaug generate --negative` and `adeaug check` first; synthetic-negatives adds nothing")
        }
        return negatives
    }
}
