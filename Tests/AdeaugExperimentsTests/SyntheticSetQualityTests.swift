import AdeaugCore
import Testing

@testable import AdeaugExperiments

/// The quality section's numbers on a set small enough to count by hand (the counts are in the comments).
@Suite struct SyntheticSetQualityTests {
    let training = ["The patient developed rash after aspirin.", "Fever was treated with ibuprofen."]
    let pairs = [DrugEffectPair(drug: "Aspirin", effect: "rash"), DrugEffectPair(drug: "ibuprofen", effect: "liver injury")]

    var group: GeneratedSentenceGroup {
        GeneratedSentenceGroup(strategy: "synthetic", template: "falcon-instruct", conditioning: "seen", sentences: [
            GeneratedSentence(text: "The patient developed rash after aspirin.", stoppedAt: .contamination),
            GeneratedSentence(text: "A patient developed liver injury after aspirin.", stoppedAt: .kept, labelScore: 0.9),
            GeneratedSentence(text: "The patient developed rash after ibuprofen.", stoppedAt: .kept, labelScore: 0.75),
            GeneratedSentence(text: "Nice weather.", stoppedAt: .generationFilters),
            GeneratedSentence(text: "The man had fever.", stoppedAt: .labelFilter, labelScore: 0.2),
        ], labelFilterRan: true)
    }

    @Test func gatesCountWhatReachedAndPassedEach() {
        let quality = SyntheticSetQualityMeasurer(training: training, realPositives: [training[0]], pairs: pairs).measure(group)
        #expect(quality.generated == 5)
        // Filters: 5 in, 4 out; contamination: 4 in, 3 out (the copy); label filter: 3 in, 2 out.
        #expect(quality.gates.map(\.entered) == [5, 4, 3])
        #expect(quality.gates.map(\.passed) == [4, 3, 2])
        #expect(quality.gates.map(\.rate) == [0.8, 0.75, 2.0 / 3.0])
        #expect(quality.kept == 2)
    }

    @Test func distinctNGramsOfTheKeptSentences() {
        let quality = SyntheticSetQualityMeasurer(training: training, realPositives: [training[0]], pairs: pairs).measure(group)
        // Kept: "a patient developed liver injury after aspirin" (7 words) and "the patient developed
        // rash after ibuprofen" (6): 13 words, 10 distinct; 11 bigrams, "patient developed" twice; 9 trigrams, all distinct.
        #expect(quality.distinct[0] == 10.0 / 13.0)
        #expect(quality.distinct[1] == 10.0 / 11.0)
        #expect(quality.distinct[2] == 1.0)
        #expect(DistinctNGrams.ratio(["one two"], n: 3) == nil)
    }

    @Test func editDistanceToTheNearestTrainingSentence() {
        let nearest = NearestTrainingDistance(training: training)
        // a→the, liver→rash, +injury: 3; ibuprofen→aspirin: 1; a copy (case and punctuation aside): 0.
        #expect(nearest.distance("A patient developed liver injury after aspirin.") == 3)
        #expect(nearest.distance("The patient developed rash after ibuprofen.") == 1)
        #expect(nearest.distance("the patient developed RASH after aspirin") == 0)
        #expect(nearest.distance("Fever treated with ibuprofen") == 1)
        let quality = SyntheticSetQualityMeasurer(training: training, realPositives: [training[0]], pairs: pairs).measure(group)
        let distance = quality.distance!
        // Distances [3, 1]: quartiles interpolate between them.
        #expect(distance.minimum == 1 && distance.maximum == 3)
        #expect(distance.lowerQuartile == 1.5 && distance.median == 2 && distance.upperQuartile == 2.5)
        #expect(distance.buckets.map(\.count) == [0, 1, 1, 0, 0, 0])
    }

    @Test func theNearestDistanceIsExact() {
        // The pruned search against every pair, on sentences of many lengths.
        let words = ["rash", "after", "aspirin", "the", "patient", "fever", "liver", "injury", "a", "developed"]
        var generator = SeededGenerator(seed: 3)
        func sentence() -> String { (0..<(1 + generator.nextInt(below: 9))).map { _ in words[generator.nextInt(below: words.count)] }.joined(separator: " ") }
        let corpus = (0..<60).map { _ in sentence() }
        let nearest = NearestTrainingDistance(training: corpus)
        for _ in 0..<40 {
            let probe = sentence()
            let brute = corpus.map { Self.levenshtein(QualityText.words(probe), QualityText.words($0)) }.min()
            #expect(nearest.distance(probe) == brute)
        }
    }

    static func levenshtein(_ a: [String], _ b: [String]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var next = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            row = next
        }
        return row[b.count]
    }

    @Test func drugsAndEffectsNamedAgainstTheRealPositives() {
        let measurer = SyntheticSetQualityMeasurer(training: training, realPositives: [training[0]], pairs: pairs)
        let quality = measurer.measure(group)
        // Kept sentences name aspirin and ibuprofen, liver injury and rash; the real positive aspirin and rash.
        #expect(quality.drugsNamed == 2 && quality.effectsNamed == 2)
        #expect(measurer.reference.drugsNamed == 1 && measurer.reference.effectsNamed == 1)
        #expect(measurer.reference.sentences == 1 && measurer.reference.distinct[0] == 1.0)
        let names = NamedTerms(names: ["rash", "liver injury"])
        #expect(names.found(in: "A rash, then Liver  injury.") == ["rash", "liver injury"])
        #expect(names.found(in: "He spoke brashly of the liver.").isEmpty)
    }

    @Test func labelFilterScoresFallInTenthBins() {
        let quality = SyntheticSetQualityMeasurer(training: training, realPositives: [training[0]], pairs: pairs).measure(group)
        // 0.2, 0.75 and 0.9.
        #expect(quality.scoreHistogram == [0, 0, 1, 0, 0, 0, 0, 1, 0, 1])
    }

    @Test func aGroupTheLabelFilterNeverSawShowsItsGateAsNotRun() {
        var unfiltered = group
        unfiltered.labelFilterRan = false
        unfiltered.sentences = unfiltered.sentences.map {
            GeneratedSentence(text: $0.text, stoppedAt: $0.stoppedAt >= .labelFilter ? .kept : $0.stoppedAt)
        }
        let quality = SyntheticSetQualityMeasurer(training: training, realPositives: [training[0]], pairs: pairs).measure(unfiltered)
        #expect(quality.gates[2].ran == false && quality.gates[2].rate == nil)
        #expect(quality.kept == 3)
        let markdown = QualitySection(groups: [quality], reference: SyntheticSetQualityMeasurer(training: training, realPositives: [training[0]], pairs: pairs).reference).markdown
        #expect(markdown.contains("| synthetic | falcon-instruct | seen | 5 | 4 (80.0%) | 3 (75.0%) | not run | 3 (60.0%) |"))
    }
}
