import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import Foundation
import Testing

/// BertClassifierTrainer returns the slice BertTrainer held out for early stopping, scored by
/// the trained model, keeping only real sentences it did not train on (the comparison picks
/// its decision threshold there). On the tiny PyTorch fixture checkpoint, so it runs in seconds.
@Suite struct BertClassifierValidationSliceTests {
    static let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/tiny-torch-bert").path

    static func training() -> [TrainingItem] {
        var items: [TrainingItem] = []
        for id in Int64(1)...40 {
            let positive = id % 4 == 0
            items.append(TrainingItem(
                text: positive ? "drug \(id) caused a rash" : "patient \(id) took a drug", label: positive ? .adverseEvent : .notAdverseEvent,
                origin: .real, sourceID: id))
        }
        return items
    }

    static func test() -> [Example] {
        (1...6).map { index in
            Example(id: Int64(100 + index), text: "sentence \(index) about a drug", label: index.isMultiple(of: 3) ? .adverseEvent : .notAdverseEvent,
                    split: .test, pmids: [], source: SourceLocation(file: "t", line: index), rowCount: 1)
        }
    }

    @Test(arguments: [true, false])
    func scoresTheHeldOutRealSentences(freezeEncoder: Bool) throws {
        // The comparison's own settings, shortened (the test target sees TrainingSettings only through them).
        var comparison = ComparisonSettings()
        comparison.model = Self.model
        var options = freezeEncoder ? comparison.training : comparison.fullFineTune
        options.epochs = 1
        options.batchSize = 8
        options.maxLength = 16
        options.validationFraction = 0.2
        comparison.training.epochs = 1
        comparison.training.maxLength = 16
        let trainer = try BertClassifierTrainer(comparison: comparison, training: options)
        let run = try trainer.trainAndScore(training: Self.training(), test: Self.test(), seed: 3)
        #expect(run.probabilities.count == 6)
        let slice = try #require(run.validation)
        // A stratified fifth: 2 of the 10 positives and 6 of the 30 negatives.
        #expect(slice.labels.count == 8)
        #expect(slice.labels.filter { $0 }.count == 2)
        #expect(slice.probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })

        // Oversampled copies of every positive: the held-out positives were trained on (through
        // their copies) and the copies are not real, so only negatives are left to choose from.
        let copies = Self.training().filter { $0.label == .adverseEvent }.map {
            TrainingItem(text: $0.text, label: $0.label, origin: .oversampled, sourceID: $0.sourceID)
        }
        let oversampled = try trainer.trainAndScore(training: Self.training() + copies + copies, test: Self.test(), seed: 3)
        let oversampledSlice = try #require(oversampled.validation)
        #expect(!oversampledSlice.labels.contains(true))
        #expect(oversampledSlice.labels.count == 6)
    }
}
