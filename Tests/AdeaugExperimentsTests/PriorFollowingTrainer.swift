import AdeaugCore
import AdeaugExperiments
import Foundation

/// A test classifier that behaves like the demo's frozen-encoder runs: every condition ranks
/// sentences the same way (one fixed score per sentence, plus a little seed noise), and its
/// probabilities shift with the training set's share of positives. Oversampling then raises
/// F1 at 0.5 while AP barely moves. Holds out every tenth training sentence as its
/// validation slice (the usable ones: see `ValidationSlice.usablePositions`), scored the same way.
struct PriorFollowingTrainer: ClassifierTrainer {
    let fingerprint = "prior-following-v1"
    /// How far apart positives and negatives score (in logits).
    var separation = 2.7

    func trainAndScore(training: [TrainingItem], test: [Example], seed: UInt64) throws -> TrainedRun {
        let share = Double(training.lazy.filter { $0.label == .adverseEvent }.count) / Double(max(1, training.count))
        // Half the log-odds of the training prior moves every logit, as a learned bias does.
        let bias = 0.35 * log(share / (1 - share)) - 1.8
        // Seed noise differs between training sets too, so the conditions' rankings differ a little.
        var noise = SeededGenerator(seed: seed ^ share.bitPattern)
        func probability(_ positive: Bool, sentence: Int64) -> Double {
            var fixed = SeededGenerator(seed: UInt64(bitPattern: sentence) &* 0x9E37_79B9)
            let logit = Self.normal(&fixed) + (positive ? separation : 0) + 0.25 * Self.normal(&noise) + bias
            return 1 / (1 + exp(-logit))
        }
        let probabilities = test.map { probability($0.label == .adverseEvent, sentence: $0.id) }
        let usable = ValidationSlice.usablePositions(training: training, heldOut: Array(stride(from: 0, to: training.count, by: 10)))
        let validation = ValidationSlice(
            labels: usable.map { training[$0].label == .adverseEvent },
            probabilities: usable.map { probability(training[$0].label == .adverseEvent, sentence: -1 - Int64($0)) })
        let epochs = [0.62, 0.41, 0.33].map { $0 * (0.5 + share) }
        return TrainedRun(probabilities: probabilities, lossPerEpoch: epochs, trainingSeconds: 1 + share, validation: validation)
    }

    /// Box–Muller: two uniform draws to one standard normal draw.
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let u = max(1e-12, generator.nextUnit()), v = generator.nextUnit()
        return sqrt(-2 * log(u)) * cos(2 * .pi * v)
    }
}
