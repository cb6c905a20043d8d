import AdeaugCore
import Foundation
import Testing

@testable import AdeaugContamination

@Suite struct WorkspaceCandidateCheckTests {
    private func workspace(in folder: TemporaryDirectory) throws -> Workspace {
        let workspace = try Workspace(directory: folder.path + "/ws", create: true)
        try workspace.database.transaction {
            let runID = try workspace.recordRun(command: "ingest", arguments: [])
            let examples: [(String, SplitName)] = [
                ("Stevens-Johnson syndrome after lamotrigine in a child with epilepsy.", .test),
                ("Hepatitis due to isoniazid.", .test),
                ("Acute renal failure developed after ibuprofen 800 mg three times daily.", .train),
                ("Lamotrigine was started at 25 mg daily.", .train),
            ]
            try workspace.replaceExamples(examples.enumerated().map { offset, example in
                NewExample(
                    text: example.0, normalized: TextNormalizer().normalize(example.0), label: .adverseEvent,
                    split: example.1, pmids: ["1"], source: SourceLocation(file: "x", line: offset + 1), rowCount: 1)
            }, runID: runID)
            for text in [
                "Stevens Johnson syndrome after lamotrigine in a boy with epilepsy.",
                "Acute renal failure developed after ibuprofen 400 mg three times daily.",
                "Severe neutropenia followed the third cycle of docetaxel in an elderly woman.",
                "Severe neutropenia followed the third cycle of docetaxel in an elderly man.",
            ] {
                try workspace.insertCandidate(text: text, label: .adverseEvent, origin: "test", runID: runID)
            }
        }
        return workspace
    }

    @Test func judgesAndStoresEveryWorkspaceCandidate() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let workspace = try workspace(in: folder)
        let verdicts = try WorkspaceCandidateCheck(workspace: workspace).run(pretraining: nil, arguments: [])
        #expect(verdicts.map(\.verdict) == [.testNearDuplicate, .trainNearCopy, .accepted, .candidateDuplicate])
        let ids = try workspace.candidates().map { String($0.id) }
        #expect(verdicts.map(\.id) == ids)
        let report = try VerdictStore(workspace: workspace).report()
        #expect(report.sections.first?.scope == .candidates)
        #expect(report.sections.first?.total == 4)
    }

    @Test func screenRejectsWhatTheCheckerRejects() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var screen = try ContaminationScreen(workspace: try workspace(in: folder))
        #expect(screen.screen("HEPATITIS due to isoniazid").reason == "test_near_duplicate")
        #expect(screen.screen("Agranulocytosis developed on clozapine after six weeks of therapy.").accepted)
        let repeated = screen.screen("Agranulocytosis developed on clozapine after 6 weeks of therapy.")
        #expect(!repeated.accepted)
        #expect(repeated.reason == "candidate_duplicate")
    }

    @Test func recordedFileChecksDoNotHideTheWorkspaceCheck() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let workspace = try workspace(in: folder)
        _ = try WorkspaceCandidateCheck(workspace: workspace).run(pretraining: nil, arguments: [])
        let store = try VerdictStore(workspace: workspace)
        let accepted = try store.acceptedCandidateIDs()
        #expect(accepted.count == 1)
        let fileVerdicts = [Verdict(id: "file.txt:1", text: "Something", verdict: .accepted)]
        try store.save(fileVerdicts, scope: .files, command: "check", arguments: [])
        #expect(try store.acceptedCandidateIDs() == accepted)
        #expect(try store.report().sections.map(\.scope) == [.candidates, .files])
    }

    @Test func versionOneVerdictsSurviveTheMigration() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let workspace = try Workspace(directory: folder.path + "/ws", create: true)
        try workspace.migrate(WorkspaceSchema(component: "contamination", migrations: [ContaminationSchema.schema.migrations[0]]))
        let runID = try workspace.database.transaction { try workspace.recordRun(command: "check", arguments: []) }
        try workspace.database.execute("""
            INSERT INTO contamination_verdicts(run_id, scope, position, candidate_id, text, reason)
            VALUES(\(runID), 'audit', 0, '7', 'A sentence.', 'train_near_copy')
            """)
        let store = try VerdictStore(workspace: workspace)
        #expect(try store.verdicts(runID: runID).map(\.verdict) == [.trainNearCopy])
        try store.save([Verdict(id: "f", text: "t", verdict: .accepted)], scope: .files, command: "check", arguments: [])
    }
}
