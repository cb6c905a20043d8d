import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Testing

@testable import AdeaugGeneration

@Suite struct FewShotSamplerTests {
    @Test func testSplitSentencesNeverAppearInPrompts() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let sampler = try FewShotSampler(workspace: workspace, label: .adverseEvent)
        let planner = RequestPlanner(
            sampler: sampler, template: PromptTemplate.builtIn("falcon-instruct")!,
            endpoint: Endpoint(kind: .tgi, url: "http://127.0.0.1:1"), parameters: GenerationParameters(),
            seed: 7, redactor: nil)
        let testIDs = Set(try workspace.examples(split: .test).map(\.id))
        for index in 0..<500 {
            let plan = planner.plan(index: index)
            #expect(!plan.prompt.contains(Fixtures.testMarker))
            #expect(testIDs.isDisjoint(with: plan.exampleIDs))
            #expect(plan.exampleIDs.count == 5)
        }
    }

    @Test func refusesAnyTestExample() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let all = try workspace.examples()
        #expect(throws: GenerationError.self) { try FewShotSampler(examples: all, label: .adverseEvent) }
    }

    @Test func sameSeedSameExamplesAndOnlyTheRequestedClass() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let sampler = try FewShotSampler(workspace: workspace, label: .adverseEvent)
        #expect(sampler.sample(seed: 3).map(\.id) == sampler.sample(seed: 3).map(\.id))
        #expect(sampler.sample(seed: 3).map(\.id) != sampler.sample(seed: 4).map(\.id))
        #expect(sampler.sample(seed: 3).allSatisfy { $0.label == .adverseEvent && $0.split == .train })
        let negatives = try FewShotSampler(workspace: workspace, label: .notAdverseEvent)
        #expect(negatives.sample(seed: 1).allSatisfy { $0.label == .notAdverseEvent })
    }

    @Test func examplesOfOnePromptComeFromDifferentAbstractsAndDrugs() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let sampler = try FewShotSampler(workspace: workspace, label: .adverseEvent)
        for seed in 0..<200 as Range<UInt64> {
            let examples = sampler.sample(seed: seed)
            #expect(Set(examples.flatMap(\.pmids)).count == 5)
            let drugs = examples.map { example in Fixtures.drugs.first { example.text.contains($0) }! }
            #expect(Set(drugs).count == 5, "seed \(seed): \(drugs)")
        }
    }

    @Test func annotatedDrugsDifferWithinAPrompt() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let train = try workspace.examples(split: .train)
        // Annotations that the text does not show: only the annotation can keep them apart.
        let drugs = Dictionary(uniqueKeysWithValues: train.map { ($0.id, Set(["drug\($0.id % 6)"])) })
        let sampler = try FewShotSampler(examples: train, label: .adverseEvent, drugs: drugs)
        for seed in 0..<100 as Range<UInt64> {
            let shown = sampler.sample(seed: seed).map { drugs[$0.id]!.first! }
            #expect(Set(shown).count == 5, "seed \(seed): \(shown)")
        }
    }
}
