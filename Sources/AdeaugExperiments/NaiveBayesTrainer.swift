import AdeaugCore
import Foundation

/// Multinomial naive Bayes on lower-cased words: a classifier that trains in milliseconds.
///
/// Not a contender against BERT; it lets the whole pipeline (generation, checks, rebalancing,
/// comparison, report) be exercised end to end in tests and dry runs in seconds. The seed
/// perturbs the add-k smoothing slightly so that seeds give slightly different runs.
public final class NaiveBayesTrainer: ClassifierTrainer {
    public let fingerprint = "naive-bayes-v1"
    /// How many times `trainAndScore` ran (tests use it to check that resumed runs train nothing).
    public private(set) var trainingCalls = 0

    public init() {}

    public func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
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
        return TrainedRun(probabilities: probabilities, lossPerEpoch: [], trainingSeconds: 0)
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }
}
