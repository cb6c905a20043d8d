import AdeaugCore
import AdeaugExperiments
import Testing

@Suite struct RebalancerTests {
    func examples(positives: Int, negatives: Int) -> [Example] {
        (0..<(positives + negatives)).map { index in
            Example(
                id: Int64(index + 1), text: "Sentence \(index) with aspirin 5 mg caused a rash in the patient.",
                label: index < positives ? .adverseEvent : .notAdverseEvent, split: .train, pmids: ["\(index)"],
                source: SourceLocation(file: "f", line: index + 1), rowCount: 1)
        }
    }

    @Test func oversampleReachesTheRatio() throws {
        let set = try Rebalancer(recipe: RebalanceRecipe(strategy: .oversample, target: .positiveShare(0.5))).build(training: examples(positives: 10, negatives: 90))
        #expect(set.requestedAdditions == 80)
        #expect(set.added == 80)
        #expect(set.items.count == 180)
        #expect(abs(set.positiveShare - 0.5) < 1e-9)
        #expect(set.items.filter { $0.origin == .oversampled }.allSatisfy { $0.label == .adverseEvent })
    }

    @Test func syntheticIsCappedByWhatPassedTheChecks() throws {
        let candidates = (0..<5).map { Candidate(id: Int64($0), text: "Generated \($0).", label: .adverseEvent, origin: "test") }
        let set = try Rebalancer(recipe: RebalanceRecipe(strategy: .synthetic, target: .count(20))).build(training: examples(positives: 10, negatives: 90), acceptedCandidates: candidates)
        #expect(set.added == 5)
        #expect(set.shortfall == 15)
    }

    @Test func lowResourceModeSubsamplesPositivesReproducibly() throws {
        let recipe = RebalanceRecipe(strategy: .none, trainPositives: 3, seed: 9)
        let first = try Rebalancer(recipe: recipe).build(training: examples(positives: 10, negatives: 20))
        let again = try Rebalancer(recipe: recipe).build(training: examples(positives: 10, negatives: 20))
        #expect(first.realPositives == 3)
        #expect(first.items.count == 23)
        #expect(first.items == again.items)
        #expect(recipe.name == "none-p3")
    }

    @Test func edaKeepsNumbersUnitsAndDrugNames() throws {
        var generator = SeededGenerator(seed: 1)
        let augmenter = WordLevelAugmenter(protectedWords: ["methotrexate"])
        let sentence = "Severe mucositis developed after high dose methotrexate 1500 mg/m2 was given to the young patient"
        for _ in 0..<50 {
            let variant = augmenter.augment(sentence, using: &generator)
            let words = variant.split(separator: " ")
            #expect(words.filter { $0 == "methotrexate" }.count == 1)
            #expect(words.filter { $0 == "1500" }.count == 1)
            #expect(words.filter { $0 == "mg/m2" }.count == 1)
            // Protected words keep their order relative to each other.
            let order = words.filter { ["methotrexate", "1500", "mg/m2"].contains($0) }
            #expect(order == ["methotrexate", "1500", "mg/m2"])
        }
        #expect(augmenter.augment(sentence, using: &generator) != sentence)
    }

    @Test func invalidRatioIsRejected() {
        #expect(throws: ExperimentError.self) {
            try Rebalancer(recipe: RebalanceRecipe(strategy: .oversample, target: .positiveShare(1.2))).build(training: examples(positives: 1, negatives: 1))
        }
    }
}
