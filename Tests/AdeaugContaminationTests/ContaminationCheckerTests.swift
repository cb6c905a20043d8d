import AdeaugCore
import Foundation
import Testing

@testable import AdeaugContamination

@Suite struct ContaminationCheckerTests {
    private func sentences(_ texts: [String], prefix: String) -> [InputSentence] {
        texts.enumerated().map { InputSentence(id: "\(prefix)\($0.offset)", text: $0.element, source: SourceLocation(file: prefix, line: $0.offset + 1)) }
    }

    /// In-memory pretraining lookup: a sentence is "web text" when listed.
    struct FakeWeb: PretrainingLookup {
        var texts: Set<String>
        func lookup(_ text: String) throws -> PretrainingEvidence {
            texts.contains(text)
                ? PretrainingEvidence(fraction: 1, longestSpan: 20, urls: ["https://example.org/a"])
                : PretrainingEvidence(fraction: 0, longestSpan: 0, urls: [])
        }
    }

    @Test func eachRejectionHasItsReasonAndEvidence() throws {
        let test = sentences(["Severe hepatotoxicity developed after 500 mg of acetaminophen daily."], prefix: "test")
        let train = sentences(["A rash appeared on the trunk after two weeks of carbamazepine therapy."], prefix: "train")
        let candidates = sentences([
            "Severe hepatotoxicity developed after 1000 mg of acetaminophen daily.",  // dose only
            "A RASH appeared on the trunk after three weeks of carbamazepine therapy",
            "Agranulocytosis was observed in a patient receiving clozapine for schizophrenia.",
            "Agranulocytosis was observed in an elderly patient receiving clozapine for schizophrenia.",
            "The patient developed lactic acidosis while taking metformin for diabetes.",
            "Bradycardia and hypotension followed the first dose of intravenous amiodarone.",
        ], prefix: "c")
        let checker = ContaminationChecker(
            test: test, train: train,
            pretraining: FakeWeb(texts: ["The patient developed lactic acidosis while taking metformin for diabetes."]))
        let verdicts = try checker.check(candidates)
        #expect(verdicts.map(\.verdict) == [
            .testNearDuplicate, .trainNearCopy, .accepted, .candidateDuplicate, .pretrainingHit, .accepted,
        ])
        #expect(verdicts[0].matchedID == "test0")
        #expect(verdicts[0].exact == false)
        #expect(verdicts[0].editDistance == 0)
        #expect(verdicts[1].matchedText == train[0].text)
        #expect(verdicts[3].matchedID == "c2")
        #expect(verdicts[4].pretrainingURL == "https://example.org/a")
        let line = try FileCheck.jsonLines([verdicts[0]])
        #expect(line.contains("\"verdict\":\"test_near_duplicate\""))
        #expect(line.contains("\"matched\":\"Severe hepatotoxicity"))
    }

    @Test func verdictsAreStoredAndReported() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let workspace = try Workspace(directory: folder.path + "/ws", create: true)
        let store = try VerdictStore(workspace: workspace)
        let checker = ContaminationChecker(test: sentences(["Drug-induced lupus after hydralazine."], prefix: "t"))
        let verdicts = try checker.check(sentences(["Drug induced lupus after hydralazine", "Something new entirely here."], prefix: "c"))
        let runID = try store.save(verdicts, scope: .candidates, command: "check", arguments: ["--candidates", "x"])
        #expect(try store.verdicts(runID: runID) == verdicts)
        let report = try store.report()
        #expect(report.sections.count == 1)
        #expect(report.sections[0].reasons.map(\.reason) == [.accepted, .testNearDuplicate])
        #expect(report.text.contains("test_near_duplicate: 1 (50.0%)"))
        #expect(try JSONText.encode(report).contains("\"run_id\""))
    }

    @Test func auditFindsTestSentencesCopiedInTrain() throws {
        let result = try CorpusAudit().run(
            test: sentences(["Hepatitis due to isoniazid.", "Neutropenia after clozapine in a young man with schizophrenia.", "Unrelated finding."], prefix: "t"),
            train: sentences(["HEPATITIS due to  isoniazid.", "Neutropenia after clozapine in a young woman with schizophrenia."], prefix: "r"))
        #expect(result.exactInTrain == 1)
        #expect(result.nearInTrain == 1)
        #expect(result.findingsOnly().verdicts.count == 2)
    }
}
