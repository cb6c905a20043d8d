import AdeaugContamination
import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import AdeaugTestSupport
import Foundation
import Logging
import Testing

/// The synthetic positives an array task of a learning-curve grid draws from: a task reads the
/// workspace only, so candidates the label filter would have to judge now are refused, by name,
/// instead of each task judging (and failing to store) them.
@Suite struct LearningCurveTaskPoolTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Four candidates checked for contamination; one (the docetaxel sentence) is accepted.
    private func workspace(in folder: TemporaryDirectory) throws -> String {
        let workspace = try Workspace(directory: folder.path + "/ws", create: true)
        try workspace.database.transaction {
            let runID = try workspace.recordRun(command: "ingest", arguments: [])
            let examples: [(String, Label, SplitName)] = [
                ("Hepatitis due to isoniazid.", .adverseEvent, .test),
                ("Acute renal failure developed after ibuprofen 800 mg three times daily.", .adverseEvent, .train),
                ("Lamotrigine was started at 25 mg daily.", .notAdverseEvent, .train),
            ]
            try workspace.replaceExamples(examples.enumerated().map { offset, example in
                NewExample(
                    text: example.0, normalized: TextNormalizer().normalize(example.0), label: example.1,
                    split: example.2, pmids: ["1"], source: SourceLocation(file: "x", line: offset + 1), rowCount: 1)
            }, runID: runID)
            for text in [
                "Hepatitis due to isoniazid!",
                "Severe neutropenia followed the third cycle of docetaxel in an elderly woman.",
            ] {
                try workspace.insertCandidate(text: text, label: .adverseEvent, origin: "test", runID: runID)
            }
        }
        _ = try WorkspaceCandidateCheck(workspace: workspace).run(pretraining: nil, arguments: [])
        return workspace.directory.path
    }

    @Test func aTaskRefusesCandidatesTheLabelFilterWouldJudgeAndTakesThemWithoutIt() throws {
        let folder = TemporaryDirectory()
        let path = try workspace(in: folder)
        let reader = try Workspace(directory: path, create: false, access: .read)
        var rebalance = RebalanceSettings()
        rebalance.strategies = [.synthetic]
        do {
            _ = try LearningCurveWorkflow.syntheticPositives(
                in: reader, rebalance: rebalance, labelFilterTrainer: NaiveBayesTrainer(), storedVerdictsOnly: true, arguments: [], logger: logger)
            Issue.record("expected a task to refuse candidates the label filter has not judged")
        } catch {
            #expect("\(error)".contains("the label filter has not judged 1 accepted candidate"), "\(error)")
        }
        // Without the filter the task takes the accepted candidate as one process would.
        rebalance.labelFilter = nil
        let pool = try LearningCurveWorkflow.syntheticPositives(
            in: reader, rebalance: rebalance, labelFilterTrainer: NaiveBayesTrainer(), storedVerdictsOnly: true, arguments: [], logger: logger)
        #expect(pool.map(\.text) == ["Severe neutropenia followed the third cycle of docetaxel in an elderly woman."])
    }
}
