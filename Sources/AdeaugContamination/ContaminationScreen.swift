import AdeaugCore

/// The contamination check as a `CandidateScreen`, for `adeaug generate --target N`: the
/// generator hands each new sentence to it and counts only accepted ones. Same checks, in the
/// same order, as `ContaminationChecker` (which it wraps), remembering what it accepted.
public struct ContaminationScreen: CandidateScreen {
    private var checker: ContaminationChecker
    private var screened = 0

    public init(checker: ContaminationChecker) {
        self.checker = checker
    }

    /// A screen against a workspace's split: its test and training sentences.
    public init(
        workspace: Workspace, pretraining: (any PretrainingLookup)? = nil,
        pretrainingThreshold: Double = ContaminationSettings().pretrainingThreshold
    ) throws {
        let sentences = { (split: SplitName) in
            try workspace.examples(split: split).map { InputSentence(id: String($0.id), text: $0.text, source: $0.source) }
        }
        self.init(checker: ContaminationChecker(
            test: try sentences(.test), train: try sentences(.train), pretraining: pretraining, pretrainingThreshold: pretrainingThreshold))
    }

    public mutating func screen(_ text: String) -> ScreenVerdict {
        screened += 1
        let candidate = InputSentence(id: "screen:\(screened)", text: text, source: SourceLocation(file: "generate", line: screened))
        do {
            let verdict = try checker.judge(candidate)
            return ScreenVerdict(
                accepted: verdict.verdict == .accepted, reason: verdict.verdict.rawValue,
                matchedText: verdict.matchedText ?? verdict.pretrainingURL, score: verdict.score)
        } catch {
            // An unverified sentence must not enter training: reject it, saying why.
            return ScreenVerdict(accepted: false, reason: "check_failed", matchedText: "\(error)")
        }
    }
}
