import AdeaugCore

/// `adeaug check --audit`: the workspace's own split audited for leakage (test sentences with a
/// near-duplicate in train, or in the pretraining index); the verdicts are stored.
public struct WorkspaceAudit {
    public let workspace: Workspace
    public var pretrainingThreshold = ContaminationSettings().pretrainingThreshold

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func run(pretraining: (any PretrainingLookup)?, arguments: [String]) throws -> AuditResult {
        let sentences = { (split: SplitName) in
            try workspace.examples(split: split).map { InputSentence(id: String($0.id), text: $0.text, source: $0.source) }
        }
        let test = try sentences(.test)
        guard !test.isEmpty else { throw WorkspaceError.noCorpus(directory: workspace.directory.path) }
        let result = try CorpusAudit(pretrainingThreshold: pretrainingThreshold)
            .run(test: test, train: try sentences(.train), pretraining: pretraining)
        try VerdictStore(workspace: workspace).save(result.verdicts, scope: .audit, command: "check", arguments: arguments)
        return result
    }
}
