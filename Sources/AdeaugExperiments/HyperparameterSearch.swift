import AdeaugCore
import Foundation

/// One point of the search space.
public struct Hyperparameters: Sendable, Hashable, Codable, CustomStringConvertible {
    public var learningRate: Float
    public var batchSize: Int
    public var maxLength: Int
    public var epochs: Int
    public var checkpoint: String

    public init(learningRate: Float, batchSize: Int, maxLength: Int, epochs: Int, checkpoint: String) {
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.maxLength = maxLength
        self.epochs = epochs
        self.checkpoint = checkpoint
    }

    public var description: String {
        // A folder shows its name; a Hub name (ORG/NAME[@REVISION]) shows whole.
        let name = checkpoint.hasPrefix("/") ? URL(fileURLWithPath: checkpoint).lastPathComponent : checkpoint
        return "lr=\(learningRate) batch=\(batchSize) maxlen=\(maxLength) epochs=\(epochs) checkpoint=\(name)"
    }
}

/// The values each hyperparameter may take.
public struct SearchSpace: Sendable, Hashable, Codable {
    public var learningRates: [Float] = [2e-5, 3e-5, 5e-5, 1e-4]
    public var batchSizes: [Int] = [16, 32]
    public var maxLengths: [Int] = [64, 128]
    public var epochs: [Int] = [1, 2, 3]
    public var checkpoints: [String]

    public init(checkpoints: [String]) {
        self.checkpoints = checkpoints
    }

    /// One random point with the given checkpoint: the search walks the checkpoints in turn,
    /// so each is tried in the first round however few trials there are.
    func sample(checkpoint: Int, using generator: inout SeededGenerator) -> Hyperparameters {
        Hyperparameters(
            learningRate: learningRates[generator.nextInt(below: learningRates.count)],
            batchSize: batchSizes[generator.nextInt(below: batchSizes.count)],
            maxLength: maxLengths[generator.nextInt(below: maxLengths.count)],
            epochs: epochs[generator.nextInt(below: epochs.count)],
            checkpoint: checkpoints[checkpoint % checkpoints.count])
    }
}

/// A budgeted search on a validation slice of the training split, never on the test split.
///
/// `random` trains `trials` sampled settings on the whole fitting part; `successiveHalving`
/// trains them all on a third of it, keeps the best third, and so on up to the whole part, so
/// most of the budget goes to the promising settings (Jamieson & Talwalkar, 2016).
public struct HyperparameterSearch {
    public enum Strategy: String, Sendable, CaseIterable, Codable {
        case random
        case successiveHalving = "halving"
    }

    public var space: SearchSpace
    public var strategy: Strategy
    public var trials: Int
    public var validationFraction: Double
    public var seed: UInt64
    /// Called before each trial: (trial number, settings, share of the fitting data).
    public var onTrial: (Int, Hyperparameters, Double) -> Void = { _, _, _ in }

    public init(space: SearchSpace, strategy: Strategy = .successiveHalving, trials: Int = 9, validationFraction: Double = 0.2, seed: UInt64 = 42) {
        self.space = space
        self.strategy = strategy
        self.trials = trials
        self.validationFraction = validationFraction
        self.seed = seed
    }

    public struct Trial: Sendable, Hashable, Codable {
        public init(hyperparameters: Hyperparameters, dataShare: Double, validationF1: Double, seconds: Double) {
            self.hyperparameters = hyperparameters
            self.dataShare = dataShare
            self.validationF1 = validationF1
            self.seconds = seconds
        }

        public var hyperparameters: Hyperparameters
        public var dataShare: Double
        public var validationF1: Double
        public var seconds: Double
    }

    public struct Outcome: Sendable, Codable {
        public var best: Hyperparameters
        public var bestValidationF1: Double
        public var trials: [Trial]
        public var fitSize: Int
        public var validationSize: Int
    }

    /// What every round needs, worked out the same way by every process from the same training
    /// split and seed: the fitting part and validation slice, the first round's settings, and
    /// the share of the fitting part each round trains on.
    public struct Plan: Sendable {
        public var fit: [Example]
        public var validation: [Example]
        public var candidates: [Hyperparameters]
        public var shares: [Double]
    }

    public func plan(training: [Example]) throws -> Plan {
        guard trials > 0 else { throw ExperimentError.invalidRecipe("--trials must be positive") }
        guard trials >= space.checkpoints.count else {
            throw ExperimentError.invalidRecipe("--trials (\(trials)) must be at least the number of checkpoints (\(space.checkpoints.count)), so each is tried")
        }
        var generator = SeededGenerator(seed: seed)
        let (fit, validation) = Self.stratifiedSlice(training, fraction: validationFraction, using: &generator)
        guard !fit.isEmpty, !validation.isEmpty else { throw ExperimentError.missing("The training split is too small to hold out a validation slice.") }
        var candidates: [Hyperparameters] = []
        var attempts = 0
        while candidates.count < trials && attempts < trials * 20 {
            let sample = space.sample(checkpoint: attempts, using: &generator)
            if !candidates.contains(sample) { candidates.append(sample) }
            attempts += 1
        }
        return Plan(fit: fit, validation: validation, candidates: candidates, shares: strategy == .random ? [1] : Self.rungs(for: candidates.count))
    }

    /// Trains one setting on round `round`'s share of the fitting part and scores it on the validation slice.
    public func trial(_ settings: Hyperparameters, round: Int, plan: Plan, trainer: any ClassifierTrainer) throws -> Trial {
        let share = plan.shares[round]
        let subset = Array(plan.fit.prefix(max(1, Int(Double(plan.fit.count) * share))))
        let start = Date()
        let run = try trainer.trainAndScore(
            training: subset.map { TrainingItem(text: $0.text, label: $0.label, origin: .real, sourceID: $0.id) },
            test: plan.validation, seed: seed)
        let f1 = DetectionScores(gold: plan.validation.map { $0.label == .adverseEvent }, predicted: run.probabilities.map { $0 >= 0.5 }).f1
        return Trial(hyperparameters: settings, dataShare: share, validationF1: f1, seconds: Date().timeIntervalSince(start))
    }

    /// A round's trials, in the order of its settings, best first.
    public static func ranked(_ trials: [Trial]) -> [Trial] {
        trials.enumerated().sorted { $0.element.validationF1 != $1.element.validationF1 ? $0.element.validationF1 > $1.element.validationF1 : $0.offset < $1.offset }
            .map(\.element)
    }

    /// The settings that go on to the next round: the best third (at least one).
    public static func survivors(of trials: [Trial]) -> [Hyperparameters] {
        ranked(trials).prefix(max(1, trials.count / 3)).map(\.hyperparameters)
    }

    /// The outcome once the last round's trials are in; `trials` holds every round's, in order.
    public static func outcome(lastRound: [Trial], trials: [Trial], plan: Plan) -> Outcome {
        let best = ranked(lastRound)[0]
        return Outcome(best: best.hyperparameters, bestValidationF1: best.validationF1, trials: trials, fitSize: plan.fit.count, validationSize: plan.validation.count)
    }

    public func run(training: [Example], makeTrainer: (Hyperparameters) throws -> any ClassifierTrainer) throws -> Outcome {
        let plan = try plan(training: training)
        var candidates = plan.candidates
        var log: [Trial] = []
        var round: [Trial] = []
        for (rung, share) in plan.shares.enumerated() {
            if rung > 0 { candidates = Self.survivors(of: round) }
            round = []
            for settings in candidates {
                onTrial(log.count + 1, settings, share)
                let trial = try trial(settings, round: rung, plan: plan, trainer: try makeTrainer(settings))
                log.append(trial)
                round.append(trial)
            }
        }
        return Self.outcome(lastRound: round, trials: log, plan: plan)
    }

    /// Data shares per rung: each rung keeps a third of the settings and triples their data.
    static func rungs(for count: Int) -> [Double] {
        var rungs = 1
        var remaining = count
        while remaining > 1 {
            remaining = max(1, remaining / 3)
            rungs += 1
        }
        return (0..<rungs).map { pow(3, Double($0 - rungs + 1)) }
    }

    /// The data is shuffled once, so the shares of successive rungs are nested prefixes.
    static func stratifiedSlice(_ examples: [Example], fraction: Double, using generator: inout SeededGenerator) -> ([Example], [Example]) {
        var fit: [Example] = [], validation: [Example] = []
        for label in Label.allCases {
            let members = examples.filter { $0.label == label }.deterministicallyShuffled(using: &generator)
            let held = Int((Double(members.count) * fraction).rounded())
            validation += members.prefix(held)
            fit += members.dropFirst(held)
        }
        return (fit.deterministicallyShuffled(using: &generator), validation)
    }
}
