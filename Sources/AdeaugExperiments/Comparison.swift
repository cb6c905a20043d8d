import AdeaugCore

/// One training set to compare, under a name (`baseline`, `synthetic`, ...).
public struct ComparisonCondition: Sendable {
    public var name: String
    public var trainingSet: TrainingSet

    public init(name: String, trainingSet: TrainingSet) {
        self.name = name
        self.trainingSet = trainingSet
    }
}

/// What `compare` measured for one condition over its seeds.
public struct ConditionOutcome: Sendable, Codable {
    public var name: String
    public var recipe: RebalanceRecipe
    public var trainingSize: Int
    public var positiveShare: Double
    public var added: Int
    public var precision: SeedSummary
    public var recall: SeedSummary
    public var f1: SeedSummary
    /// Bootstrap intervals over test sentences for the seed-averaged scores.
    public var intervals: ScoreIntervals
    /// Against the baseline condition (nil for the baseline itself).
    public var differenceToBaseline: PairedDifference?
    /// Average precision per seed: threshold-free, so a shift of the class prior leaves it alone.
    public var averagePrecision: SeedSummary
    /// Bootstrap interval of the seed-averaged AP (same resamples as F1's).
    public var averagePrecisionInterval: ConfidenceInterval
    public var averagePrecisionDifference: BootstrapDifference?
    /// F1 at thresholds chosen on validation slices; nil when the runs kept none.
    public var validationThresholdF1: ValidationThresholdF1?
    public var trainingSeconds: SeedSummary
    /// Mean training loss per epoch, averaged over seeds.
    public var lossPerEpoch: [Double]
    /// Seed-averaged `P(Adverse_Event)` per test sentence (for precision-recall curves).
    public var meanProbabilities: [Double]
}

/// A finished comparison on one protocol.
public struct ProtocolComparison: Sendable, Codable {
    public var protocolName: String
    public var testSize: Int
    public var testPositives: Int
    public var seeds: [UInt64]
    public var trainer: String
    public var conditions: [ConditionOutcome]
    /// Test labels in order (for curves).
    public var gold: [Bool]
}

/// Trains every condition over every seed with the same trainer and test split, keeping each
/// finished run in the workspace: a killed comparison resumes, and finished runs are not repeated.
public struct ComparisonRunner {
    public var workspace: Workspace
    public var trainer: any ClassifierTrainer
    public var bootstrap = Bootstrap()
    /// Called before each training run: (condition, seed, index, total, resumed).
    public var onRun: (String, UInt64, Int, Int, Bool) -> Void = { _, _, _, _, _ in }

    public init(workspace: Workspace, trainer: any ClassifierTrainer) throws {
        self.workspace = workspace
        self.trainer = trainer
        try workspace.migrate(ExperimentsSchema.schema)
    }

    public func run(protocolName: String, conditions: [ComparisonCondition], seeds: [UInt64], test: [Example], arguments: [String]) throws -> ProtocolComparison {
        guard let baseline = conditions.first else { throw ExperimentError.missing("No condition to compare.") }
        guard !test.isEmpty else { throw ExperimentError.missing("The test split is empty; run `adeaug ingest` first.") }
        let gold = test.map { $0.label == .adverseEvent }
        var outcomes: [ConditionOutcome] = []
        var baselinePredictions: [[Bool]] = []
        var baselineProbabilities: [[Double]] = []
        var baselineTunedPredictions: [[Bool]]?
        // The same cells, in the same order, as the array tasks of a grid train.
        let grid = ComparisonGrid(
            batches: [.init(protocolName: protocolName, conditions: conditions)], seeds: seeds, test: test, trainer: trainer)
        let cells = grid.cells
        let store = ComparisonRunStore(workspace: workspace)
        var prepared = false
        for (conditionIndex, condition) in conditions.enumerated() {
            var runs: [TrainedRun] = []
            for seedIndex in seeds.indices {
                let index = conditionIndex * seeds.count + seedIndex
                let cell = cells[index]
                if let stored = try store.run(for: cell.key) {
                    onRun(condition.name, cell.key.seed, index + 1, cells.count, true)
                    runs.append(stored)
                    continue
                }
                onRun(condition.name, cell.key.seed, index + 1, cells.count, false)
                if !prepared {
                    try grid.prepare()
                    prepared = true
                }
                let run = try Self.train(cell, test: test)
                try store.store([(cell.key, run)], command: "compare", arguments: arguments)
                runs.append(run)
            }
            let predictions = runs.map { $0.probabilities.map { $0 >= 0.5 } }
            let perSeed = predictions.map { DetectionScores(gold: gold, predicted: $0) }
            let probabilities = runs.map(\.probabilities)
            let tuned = ValidationThresholdF1.predictions(of: runs)
            let isBaseline = condition.name == baseline.name
            if isBaseline {
                baselinePredictions = predictions
                baselineProbabilities = probabilities
                baselineTunedPredictions = tuned?.predictions
            }
            let epochs = runs.map(\.lossPerEpoch.count).max() ?? 0
            let meanLoss = (0..<epochs).map { epoch in
                let values = runs.compactMap { epoch < $0.lossPerEpoch.count ? $0.lossPerEpoch[epoch] : nil }
                return values.reduce(0, +) / Double(max(1, values.count))
            }
            let meanProbabilities = test.indices.map { i in runs.reduce(0) { $0 + $1.probabilities[i] } / Double(max(1, runs.count)) }
            outcomes.append(ConditionOutcome(
                name: condition.name, recipe: condition.trainingSet.recipe,
                trainingSize: condition.trainingSet.items.count, positiveShare: condition.trainingSet.positiveShare,
                added: condition.trainingSet.added,
                precision: SeedSummary(perSeed.map(\.precision)), recall: SeedSummary(perSeed.map(\.recall)),
                f1: SeedSummary(perSeed.map(\.f1)),
                intervals: bootstrap.intervals(gold: gold, predictions: predictions),
                differenceToBaseline: isBaseline
                    ? nil : bootstrap.pairedF1Difference(gold: gold, baseline: baselinePredictions, candidate: predictions),
                averagePrecision: SeedSummary(probabilities.map { AveragePrecision.of(gold: gold, scores: $0) }),
                averagePrecisionInterval: bootstrap.averagePrecisionInterval(gold: gold, probabilities: probabilities),
                averagePrecisionDifference: isBaseline
                    ? nil : bootstrap.pairedAveragePrecisionDifference(gold: gold, baseline: baselineProbabilities, candidate: probabilities),
                validationThresholdF1: tuned.map { tuned in
                    ValidationThresholdF1(
                        thresholds: tuned.thresholds,
                        f1: SeedSummary(tuned.predictions.map { DetectionScores(gold: gold, predicted: $0).f1 }),
                        interval: bootstrap.intervals(gold: gold, predictions: tuned.predictions).f1,
                        differenceToBaseline: isBaseline ? nil : baselineTunedPredictions.map {
                            bootstrap.pairedF1Difference(gold: gold, baseline: $0, candidate: tuned.predictions)
                        })
                },
                trainingSeconds: SeedSummary(runs.map(\.trainingSeconds)),
                lossPerEpoch: meanLoss, meanProbabilities: meanProbabilities))
        }
        return ProtocolComparison(
            protocolName: protocolName, testSize: test.count, testPositives: gold.lazy.filter { $0 }.count,
            seeds: seeds, trainer: trainer.fingerprint, conditions: outcomes, gold: gold)
    }

    /// Trains one cell with its trainer and checks the answer has the shape the report needs.
    public static func train(_ cell: ComparisonCell, test: [Example]) throws -> TrainedRun {
        let run = try cell.trainer.trainAndScore(training: cell.condition.trainingSet.items, test: test, seed: cell.key.seed)
        guard run.probabilities.count == test.count else {
            throw ExperimentError.missing("The trainer scored \(run.probabilities.count) test sentences, expected \(test.count).")
        }
        if let slice = run.validation, slice.labels.count != slice.probabilities.count {
            throw ExperimentError.missing("The trainer returned \(slice.probabilities.count) validation probabilities for \(slice.labels.count) sentences.")
        }
        return run
    }

    /// A stored run counts only for the same trainer settings and the same training set.
    static func runFingerprint(trainer: any ClassifierTrainer, trainingSet: TrainingSet) -> String {
        trainer.fingerprint + " set=" + fingerprint(of: trainingSet.items.map { "\($0.label.rawValue)\t\($0.text)" })
    }

    /// FNV-1a over the test sentences: a changed split never reuses old runs.
    static func fingerprint(of texts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in texts {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            hash ^= 0x0A
            hash &*= 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
