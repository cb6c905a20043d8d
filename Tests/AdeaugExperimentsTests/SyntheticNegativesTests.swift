import AdeaugCore
import AdeaugExperiments
import Testing

@Suite struct SyntheticNegativesTests {
    let training = (0..<30).map { index in
        Example(
            id: Int64(index + 1), text: "Sentence \(index) about aspirin.", label: index < 10 ? .adverseEvent : .notAdverseEvent,
            split: .train, pmids: ["\(index)"], source: SourceLocation(file: "f", line: index + 1), rowCount: 1)
    }

    @Test func addsOnlyGeneratedNegativesAsNegatives() throws {
        let candidates = (0..<8).map {
            Candidate(id: Int64(100 + $0), text: "Generated \($0) names aspirin.", label: $0 < 5 ? .notAdverseEvent : .adverseEvent, origin: "test")
        }
        let set = try Rebalancer(recipe: RebalanceRecipe(strategy: .syntheticNegatives, target: .count(4), seed: 1))
            .build(training: training, acceptedCandidates: candidates)
        #expect(set.added == 4)
        let added = set.items.filter { $0.origin == .synthetic }
        #expect(added.count == 4 && added.allSatisfy { $0.label == .notAdverseEvent && $0.sourceID >= 100 && $0.sourceID < 105 })
        #expect(set.items.filter { $0.label == .adverseEvent }.count == 10)
        #expect(set.recipe.name == "synthetic-negatives-n4")
    }

    @Test func aRatioIsRefused() {
        #expect(throws: ExperimentError.self) {
            try Rebalancer(recipe: RebalanceRecipe(strategy: .syntheticNegatives, target: .positiveShare(0.5))).build(training: training)
        }
    }
}
