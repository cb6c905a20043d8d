import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import Foundation
import Testing

/// The label filter's screen trains BERT once and scores each candidate later: its scores are
/// those of the same training run scoring the sentences in one go (tiny fixture checkpoint,
/// whose 8-wide encoder gives nearly the same score to every sentence: what is checked is that
/// the kept model is the trained one, not that it separates the classes).
@Suite struct BertLabelFilterScorerTests {
    @Test(arguments: [true, false])
    func aKeptModelScoresAsTheTrainingRunDoes(freezeEncoder: Bool) throws {
        var comparison = ComparisonSettings()
        comparison.model = BertClassifierValidationSliceTests.model
        comparison.training.epochs = 1
        comparison.training.maxLength = 16
        var options = freezeEncoder ? comparison.training : comparison.fullFineTune
        options.epochs = 4
        options.learningRate = freezeEncoder ? 0.05 : 1e-3
        options.batchSize = 8
        options.maxLength = 16
        // Without the linear probe first: trainScorer trains the options as given.
        let trainer = BertClassifierTrainer(modelDirectory: BertClassifierValidationSliceTests.model, options: options)
        // The fixture's vocabulary is w0 ... w14: sentences of different words score differently.
        let test = ["w1 w2 w3", "w7 w7 w9 w0", "w14 w5", "w11 w12 w13 w4 w6"].enumerated().map {
            Example(id: Int64($0.offset), text: $0.element, label: .adverseEvent, split: .test, pmids: [],
                    source: SourceLocation(file: "t", line: $0.offset + 1), rowCount: 1)
        }
        let run = try trainer.trainAndScore(training: Self.training(), test: test, seed: 5)
        let scorer = try trainer.trainScorer(training: Self.training(), seed: 5)
        // One sentence at a time, as the screen asks.
        let oneByOne = try test.map { try scorer.positiveProbabilities([$0.text])[0] }
        #expect(oneByOne.count == run.probabilities.count)
        for (kept, trained) in zip(oneByOne, run.probabilities) {
            #expect(abs(kept - trained) < 1e-4, "\(kept) against \(trained)")
        }
    }

    /// Positives and negatives in words of the fixture's vocabulary (w0 ... w14).
    static func training() -> [TrainingItem] {
        (Int64(1)...40).map { id in
            let positive = id % 4 == 0
            let word = "w\(id % 5)"
            return TrainingItem(
                text: positive ? "w1 w2 w3 \(word)" : "w7 w8 w9 \(word)", label: positive ? .adverseEvent : .notAdverseEvent,
                origin: .real, sourceID: id)
        }
    }
}
