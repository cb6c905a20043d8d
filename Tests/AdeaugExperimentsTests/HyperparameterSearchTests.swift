import AdeaugCore
@testable import AdeaugExperiments
import Foundation
import Testing

@Suite struct HyperparameterSearchTests {
    /// A trainer whose validation quality depends only on the learning rate, so the search
    /// must find the best one; it also checks it is never shown a test sentence.
    final class RateSensitiveTrainer: ClassifierTrainer {
        let fingerprint = "rate-sensitive"
        let settings: Hyperparameters
        init(_ settings: Hyperparameters) { self.settings = settings }

        func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
            precondition(test.allSatisfy { $0.split == .train }, "tuning must never score the test split")
            precondition(Set(training.map(\.sourceID)).isDisjoint(with: test.map(\.id)), "validation sentences leaked into fitting")
            // Right on positives with probability growing with the learning rate.
            let quality = Double(settings.learningRate) / 1e-4
            let probabilities = test.enumerated().map { index, example -> Double in
                let right = Double(index % 10) / 10 < quality
                return (example.label == .adverseEvent) == right ? 0.9 : 0.1
            }
            return TrainedRun(probabilities: probabilities, lossPerEpoch: [], trainingSeconds: 0)
        }
    }

    func training() -> [Example] {
        (0..<200).map { index in
            Example(id: Int64(index + 1), text: "sentence \(index)", label: index % 4 == 0 ? .adverseEvent : .notAdverseEvent,
                    split: .train, pmids: [], source: SourceLocation(file: "t", line: index + 1), rowCount: 1)
        }
    }

    @Test(arguments: HyperparameterSearch.Strategy.allCases)
    func findsTheBestSettingOnAValidationSlice(strategy: HyperparameterSearch.Strategy) throws {
        var space = SearchSpace(checkpoints: ["/models/a"])
        space.learningRates = [1e-5, 5e-5, 1e-4]
        let search = HyperparameterSearch(space: space, strategy: strategy, trials: 9, seed: 3)
        let outcome = try search.run(training: training()) { RateSensitiveTrainer($0) }
        #expect(outcome.best.learningRate == 1e-4)
        #expect(outcome.validationSize == 40)
        #expect(outcome.fitSize == 160)
        if strategy == .successiveHalving {
            #expect(outcome.trials.map(\.dataShare).min()! < 1)
            #expect(outcome.trials.last!.dataShare == 1)
        }
    }

    @Test func rungsTripleTheData() {
        #expect(HyperparameterSearch.rungs(for: 9) == [1.0 / 9, 1.0 / 3, 1])
        #expect(HyperparameterSearch.rungs(for: 1) == [1])
    }

    /// Validation quality set by the checkpoint alone: "strong" right on 90% of the slice,
    /// "middle" on 60%, "weak" on 20%.
    final class CheckpointSensitiveTrainer: ClassifierTrainer {
        let fingerprint = "checkpoint-sensitive"
        let settings: Hyperparameters
        init(_ settings: Hyperparameters) { self.settings = settings }

        func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
            let quality = ["strong": 0.9, "middle": 0.6, "weak": 0.2][settings.checkpoint]!
            let probabilities = test.enumerated().map { index, example -> Double in
                let right = Double(index % 10) / 10 < quality
                return (example.label == .adverseEvent) == right ? 0.9 : 0.1
            }
            return TrainedRun(probabilities: probabilities, lossPerEpoch: [], trainingSeconds: 0)
        }
    }

    @Test func checkpointsAreOneDimensionAndWeakOnesStopEarly() throws {
        let space = SearchSpace(checkpoints: ["weak", "middle", "strong"])
        let outcome = try HyperparameterSearch(space: space, strategy: .successiveHalving, trials: 9, seed: 5)
            .run(training: training()) { CheckpointSensitiveTrainer($0) }
        let firstRung = outcome.trials.filter { $0.dataShare == outcome.trials.map(\.dataShare).min()! }
        #expect(Set(firstRung.map(\.hyperparameters.checkpoint)) == ["weak", "middle", "strong"])
        #expect(outcome.best.checkpoint == "strong")
        #expect(outcome.trials.filter { $0.dataShare > firstRung[0].dataShare }.allSatisfy { $0.hyperparameters.checkpoint != "weak" })
        #expect(outcome.trials.last!.dataShare == 1)
        #expect(outcome.best.description.contains("checkpoint=strong"))
    }

    @Test func everyCheckpointNeedsATrial() {
        let search = HyperparameterSearch(space: SearchSpace(checkpoints: ["a", "b", "c"]), trials: 2)
        #expect(throws: ExperimentError.self) { try search.run(training: training()) { CheckpointSensitiveTrainer($0) } }
    }
}
