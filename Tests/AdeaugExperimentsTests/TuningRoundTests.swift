import AdeaugCore
import AdeaugExperiments
import Foundation
import Testing

/// A search split into one array per round: the rounds' tasks and merges give the outcome one
/// process gives, a task with its marker trains nothing, and a round needs the one before merged.
@Suite struct TuningRoundTests {
    /// Naive Bayes whose probabilities lean by the learning rate, so settings score differently.
    final class LeaningTrainer: ClassifierTrainer {
        let lean: Double
        let base = NaiveBayesTrainer()
        var fingerprint: String { "leaning \(lean)" }
        init(_ settings: Hyperparameters) { lean = Double(settings.learningRate) * 4_000 - 0.2 }

        func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
            var run = try base.trainAndScore(training: training, test: test, seed: seed)
            run.probabilities = run.probabilities.map { min(1, max(0, $0 + lean)) }
            return run
        }
    }

    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-tune-rounds-\(UUID().uuidString)").path

    private var search: HyperparameterSearch {
        var space = SearchSpace(checkpoints: ["/models/a"])
        space.learningRates = [2e-5, 5e-5, 1e-4]
        space.epochs = [1, 2, 3]
        return HyperparameterSearch(space: space, strategy: .successiveHalving, trials: 9, validationFraction: 0.25, seed: 7)
    }

    private func round(_ index: Int, _ training: [Example]) throws -> TuningRound {
        try TuningRound(search: search, training: training, round: index, folder: folder) { LeaningTrainer($0).fingerprint }
    }

    @Test func roundsAsArraysGiveTheOutcomeOfOneProcess() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let training = ComparisonTests().corpus().train
        let expected = try search.run(training: training) { LeaningTrainer($0) }
        #expect(Set(expected.trials.map(\.validationF1)).count > 1)  // the settings do score differently

        // Round 1 cannot start before round 0 is merged.
        #expect(throws: TuningRoundError.self) { try round(1, training) }
        var all: [HyperparameterSearch.Trial] = []
        var last: TuningRoundResult?
        let rounds = try round(0, training).plan.shares.count
        #expect(rounds == 3)
        for index in 0..<rounds {
            let tuning = try round(index, training)
            for task in 0..<2 {
                let roundTask = TuningRoundTask(round: tuning, task: try ArrayTask(index: task, count: 2))
                #expect(try roundTask.completion() == nil)
                let done = try roundTask.run { LeaningTrainer($0) }
                #expect(done.files == tuning.positions(of: roundTask.part.task).count && done.runs == done.files)
                #expect(try roundTask.completion() == done)  // started again: nothing to do
            }
            let merged = try TuningRoundTask.merge(tuning)
            #expect(merged.trials.map(\.hyperparameters) == tuning.candidates)
            all += merged.trials
            last = merged
            #expect(tuning.isLast == (index == rounds - 1))
        }
        let plan = try search.plan(training: training)
        let outcome = HyperparameterSearch.outcome(lastRound: try #require(last).trials, trials: all, plan: plan)
        #expect(outcome.best == expected.best)
        #expect(outcome.bestValidationF1 == expected.bestValidationF1)
        #expect(outcome.trials.map(\.hyperparameters) == expected.trials.map(\.hyperparameters))
        #expect(outcome.trials.map(\.validationF1) == expected.trials.map(\.validationF1))
        #expect(outcome.trials.map(\.dataShare) == expected.trials.map(\.dataShare))
    }

    @Test func aMergeOfAnUnfinishedRoundIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let training = ComparisonTests().corpus().train
        let tuning = try round(0, training)
        _ = try TuningRoundTask(round: tuning, task: try ArrayTask(index: 0, count: 3)).run { LeaningTrainer($0) }
        #expect(throws: TaskPartError.incomplete(output: tuning.output, missing: [1, 2], count: 3)) { try TuningRoundTask.merge(tuning) }
        #expect(TuningRoundResult.read(of: tuning.output) == nil)
    }
}
