import AdeaugCore

/// `adeaug check` on a workspace: every generated candidate (the `candidates` table) judged
/// against the workspace's test and training split (and the pretraining index when given);
/// the verdicts are stored in one transaction, keyed by candidate id, for the report and for
/// rebalancing.
public struct WorkspaceCandidateCheck {
    public let workspace: Workspace
    public var pretrainingThreshold = ContaminationSettings().pretrainingThreshold

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func run(pretraining: (any PretrainingLookup)?, arguments: [String]) throws -> [Verdict] {
        let sentences = { (split: SplitName) in
            try workspace.examples(split: split).map { InputSentence(id: String($0.id), text: $0.text, source: $0.source) }
        }
        let test = try sentences(.test)
        guard !test.isEmpty else { throw WorkspaceError.noCorpus(directory: workspace.directory.path) }
        let candidates = try workspace.candidates().map {
            InputSentence(id: String($0.id), text: $0.text, source: SourceLocation(file: $0.origin, line: 0))
        }
        guard !candidates.isEmpty else {
            throw ContaminationError.invalidArgument(
                "The workspace at \(workspace.directory.path) holds no candidates. Run `adeaug generate` first, or give --candidates FILE.")
        }
        let checker = ContaminationChecker(
            test: test, train: try sentences(.train), pretraining: pretraining, pretrainingThreshold: pretrainingThreshold)
        let verdicts = try checker.check(candidates)
        try VerdictStore(workspace: workspace).save(verdicts, scope: .candidates, command: "check", arguments: arguments)
        return verdicts
    }
}
