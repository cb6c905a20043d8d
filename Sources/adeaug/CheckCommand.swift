import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Decide which candidates may enter training (test/train near-duplicates, repeats, pretraining text); audit a split; report verdicts.",
        discussion: """
            Modes:
              (none of the below) [--index DB]: every generated candidate of the workspace, checked against the workspace's split; verdicts stored (one transaction) and summarised.
              --candidates FILE --test FILE [--train FILE] [--index DB] [--out FILE] [--record]: one JSONL verdict per candidate: accepted, test_near_duplicate, train_near_copy, candidate_duplicate or pretraining_hit, with the matched sentence and score. Files hold one sentence per line, or JSONL with a `text` field (and optional `id`). --record also stores the verdicts in the workspace.
              --audit [--index DB] [--json]: test sentences of the workspace's split that have an exact or near-duplicate in train (and, with --index, that are in the pretraining index); stored.
              --report [--json]: counts per reason with examples, for the latest stored run of each kind.

            Near-duplicate: at most 2 differing words (10% of the words past 29 words, at most (n-1)/2 for very short sentences) after Unicode NFKC, case, punctuation and whitespace folding, with numbers folded so that a dose change alone still counts.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Candidate sentences (text lines or JSONL with `text`).")
    var candidates: String?

    @Option(help: "Test sentences (text lines or JSONL with `text`).")
    var test: String?

    @Option(help: "Training sentences (text lines or JSONL with `text`).")
    var train: String?

    @Option(help: "Pretraining n-gram index built by `adeaug index build`.")
    var index: String?

    @Option(help: "Share of a sentence's n-grams found in the index that rejects it.")
    var pretrainingThreshold = ContaminationSettings().pretrainingThreshold

    @Option(help: "Write the JSONL verdicts here instead of stdout.")
    var out: String?

    @Flag(help: "Also store the candidates' verdicts in the workspace.")
    var record = false

    @Flag(help: "Audit the workspace's split: test sentences found in train or the index.")
    var audit = false

    @Flag(help: "Summarise the verdicts stored in the workspace.")
    var report = false

    @Flag(help: "Print the audit or report (summary) as JSON.")
    var json = false

    func validate() throws {
        let modes = [candidates != nil, audit, report].filter { $0 }.count
        guard modes <= 1 else {
            throw ValidationError("Give at most one of --candidates (with --test), --audit or --report.")
        }
        if candidates != nil && test == nil { throw ValidationError("--candidates needs --test.") }
        do { try settings().validate() } catch { throw ValidationError(error.description) }
    }

    /// The flags as the contamination check's settings (adeaug.yaml's check section).
    func settings() -> ContaminationSettings {
        var settings = ContaminationSettings()
        settings.index = index
        settings.pretrainingThreshold = pretrainingThreshold
        return settings
    }

    func run() throws {
        let logger = global.makeLogger()
        let pretraining = try settings().openIndex()
        if let candidates, let test {
            var fileCheck = FileCheck(candidatesPath: candidates, testPath: test, trainPath: train)
            fileCheck.pretrainingThreshold = pretrainingThreshold
            let verdicts = try fileCheck.run(pretraining: pretraining)
            let lines = try FileCheck.jsonLines(verdicts)
            if let out {
                try OwnerOnlyFile.writeAtomically(Data(lines.utf8), to: out)
            } else {
                FileHandle.standardOutput.write(Data(lines.utf8))
            }
            if record {
                let store = try VerdictStore(workspace: try Workspace(location: try global.workspaceLocation(), create: true))
                try store.save(verdicts, scope: .files, command: "check", arguments: Array(CommandLine.arguments.dropFirst()))
            }
            let accepted = verdicts.filter { $0.verdict == .accepted }.count
            logger.info("checked \(verdicts.count) candidates: \(accepted) accepted, \(verdicts.count - accepted) rejected")
        } else if audit {
            var audit = WorkspaceAudit(workspace: try Workspace(location: try global.workspaceLocation(), create: false))
            audit.pretrainingThreshold = pretrainingThreshold
            let result = try audit.run(pretraining: pretraining, arguments: Array(CommandLine.arguments.dropFirst()))
            print(json ? try JSONText.encode(result.findingsOnly(), pretty: true) : result.text)
        } else if !report {
            var check = WorkspaceCandidateCheck(workspace: try Workspace(location: try global.workspaceLocation(), create: false))
            check.pretrainingThreshold = pretrainingThreshold
            let verdicts = try check.run(pretraining: pretraining, arguments: Array(CommandLine.arguments.dropFirst()))
            let accepted = verdicts.filter { $0.verdict == .accepted }.count
            logger.info("checked \(verdicts.count) candidates: \(accepted) accepted, \(verdicts.count - accepted) rejected")
            let summary = try VerdictStore(workspace: check.workspace).report()
            print(json ? try JSONText.encode(summary, pretty: true) : summary.text)
        } else {
            let store = try VerdictStore(workspace: try Workspace(location: try global.workspaceLocation(), create: false, access: .read))
            let summary = try store.report()
            print(json ? try JSONText.encode(summary, pretty: true) : summary.text)
        }
    }
}
