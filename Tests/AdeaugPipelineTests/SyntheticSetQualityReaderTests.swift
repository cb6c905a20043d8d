import AdeaugCore
import AdeaugExperiments
import AdeaugGeneration
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugPipeline

/// The quality section read from a workspace: where each stored sentence stopped, and groups.
@Suite struct SyntheticSetQualityReaderTests {
    func record(_ reason: String, candidate: Int64?, label: Label = .adverseEvent) -> GeneratedOutputRecord {
        GeneratedOutputRecord(text: "t", label: label, filterReason: reason, candidateID: candidate, template: "falcon-instruct@ab", attributes: nil)
    }

    @Test func eachSentenceStopsAtTheFirstGateItFailed() {
        let accepted: Set<Int64> = [2, 3]
        let scores: [Int64: LabelFilterScores.Score] = [
            3: .init(probability: 0.8, threshold: 0.5, accepted: true), 2: .init(probability: 0.1, threshold: 0.5, accepted: false),
        ]
        #expect(SyntheticSetQualityReader.sentence(record("duplicate", candidate: nil), accepted: accepted, scores: scores).stoppedAt == .generationFilters)
        // Never checked, or rejected by the latest check: stopped at contamination.
        #expect(SyntheticSetQualityReader.sentence(record("accepted", candidate: 1), accepted: accepted, scores: scores).stoppedAt == .contamination)
        let refused = SyntheticSetQualityReader.sentence(record("accepted", candidate: 2), accepted: accepted, scores: scores)
        #expect(refused.stoppedAt == .labelFilter && refused.labelScore == 0.1)
        #expect(SyntheticSetQualityReader.sentence(record("accepted", candidate: 3), accepted: accepted, scores: scores).stoppedAt == .kept)
        #expect(record("accepted", candidate: 3).templateName == "falcon-instruct")
    }

    @Test func aWorkspaceGroupsByStrategyTemplateAndConditioning() throws {
        let directory = TemporaryDirectory()
        let workspace = try Workspace(directory: directory.path + "/ws", create: true)
        let drugs = ["warfarin", "lithium", "heparin", "digoxin", "tamoxifen", "cisplatin"]
        var examples: [NewExample] = []
        for (index, drug) in drugs.enumerated() {
            let text = "Patient \(index) developed bleeding number \(index) after \(drug) therapy was started."
            examples.append(NewExample(
                text: text, normalized: TextNormalizer().normalize(text), label: .adverseEvent, split: .train,
                pmids: [String(100 + index)], source: SourceLocation(file: "f", line: index + 1), rowCount: 1))
        }
        try workspace.database.transaction {
            try workspace.replaceExamples(examples, runID: try workspace.recordRun(command: "fixture", arguments: []))
        }
        let server = try LoopbackServer { request in
            let seed = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["seed"] as? Int ?? 0
            return .json(200, #"{"choices":[{"text":" A woman developed a rash \#(seed) days after lithium.","finish_reason":"stop"}]}"#)
        }
        defer { server.stop() }
        var options = GenerationOptions(
            endpoint: Endpoint(kind: .openai, url: server.baseURL), template: PromptTemplate.builtIn(PromptTemplate.falconInstructName)!)
        options.target = 3
        options.concurrency = 1
        options.preflight = false
        options.conditioning = .seen
        options.drugEffectPairs = [DrugEffectPair(drug: "lithium", effect: "rash"), DrugEffectPair(drug: "warfarin", effect: "bleeding")]
        _ = try Generator(workspace: workspace, options: options).run()
        let section = try #require(try SyntheticSetQualityReader().section(for: workspace))
        #expect(section.groups.count == 1)
        let group = section.groups[0]
        #expect(group.strategy == "synthetic" && group.template == "falcon-instruct" && group.conditioning == "seen")
        // No contamination check has run: all three passed the filters and none the check.
        #expect(group.generated == 3 && group.gates[0].passed == 3 && group.gates[1].passed == 0 && group.kept == 0)
        #expect(section.reference.sentences == 6)
    }
}
