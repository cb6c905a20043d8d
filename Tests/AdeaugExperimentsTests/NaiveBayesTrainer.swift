import AdeaugCore
import AdeaugExperiments
import Foundation

/// A small, fast, real classifier for tests: multinomial naive Bayes on lower-cased words.
/// The seed perturbs the add-k smoothing slightly so that seeds give (slightly) different runs.
final class NaiveBayesTrainer: ClassifierTrainer {
    var fingerprint = "naive-bayes-test-v1"
    private(set) var trainingCalls = 0

    func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
        trainingCalls += 1
        var generator = SeededGenerator(seed: seed)
        let smoothing = 0.5 + generator.nextUnit()
        var counts: [[String: Double]] = [[:], [:]]
        var totals = [0.0, 0.0]
        var documents = [0.0, 0.0]
        for item in training {
            let label = item.label.rawValue
            documents[label] += 1
            for word in Self.words(item.text) {
                counts[label][word, default: 0] += 1
                totals[label] += 1
            }
        }
        let vocabulary = Double(Set(counts[0].keys).union(counts[1].keys).count)
        let probabilities = test.map { example -> Double in
            var logOdds = log((documents[1] + 1) / (documents[0] + 1))
            for word in Self.words(example.text) {
                let positive = ((counts[1][word] ?? 0) + smoothing) / (totals[1] + smoothing * vocabulary)
                let negative = ((counts[0][word] ?? 0) + smoothing) / (totals[0] + smoothing * vocabulary)
                logOdds += log(positive / negative)
            }
            return 1 / (1 + exp(-logOdds))
        }
        return TrainedRun(probabilities: probabilities, lossPerEpoch: [0.7, 0.4], trainingSeconds: 0.01)
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }
}
