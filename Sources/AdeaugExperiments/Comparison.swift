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
        let testFingerprint = Self.fingerprint(of: test.map(\.text))
        let gold = test.map { $0.label == .adverseEvent }
        var outcomes: [ConditionOutcome] = []
        var baselinePredictions: [[Bool]] = []
        var baselineProbabilities: [[Double]] = []
        var baselineTunedPredictions: [[Bool]]?
        let total = conditions.count * seeds.count
        var index = 0
        for condition in conditions {
            var runs: [TrainedRun] = []
            // A stored run counts only for the same trainer settings and the same training set.
            let runFingerprint = trainer.fingerprint + " set=" + Self.fingerprint(of: condition.trainingSet.items.map { "\($0.label.rawValue)\t\($0.text)" })
            for seed in seeds {
                index += 1
                if let stored = try storedRun(protocolName: protocolName, condition: condition.name, seed: seed, fingerprint: runFingerprint, testFingerprint: testFingerprint) {
                    onRun(condition.name, seed, index, total, true)
                    runs.append(stored)
                    continue
                }
                onRun(condition.name, seed, index, total, false)
                let run = try trainer.trainAndScore(training: condition.trainingSet.items, test: test, seed: seed)
                guard run.probabilities.count == test.count else {
                    throw ExperimentError.missing("The trainer scored \(run.probabilities.count) test sentences, expected \(test.count).")
                }
                if let slice = run.validation, slice.labels.count != slice.probabilities.count {
                    throw ExperimentError.missing("The trainer returned \(slice.probabilities.count) validation probabilities for \(slice.labels.count) sentences.")
                }
                try store(run, protocolName: protocolName, condition: condition.name, seed: seed, fingerprint: runFingerprint, testFingerprint: testFingerprint, arguments: arguments)
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

    private func storedRun(protocolName: String, condition: String, seed: UInt64, fingerprint: String, testFingerprint: String) throws -> TrainedRun? {
        let rows = try workspace.database.prepare("""
            SELECT result_json FROM comparison_runs
            WHERE protocol = ? AND condition = ? AND seed = ? AND fingerprint = ? AND test_fingerprint = ?
            """).rows(.text(protocolName), .text(condition), .integer(Int64(bitPattern: seed)),
                      .text(fingerprint), .text(testFingerprint)) { $0.text(0) }
        return try rows.first.map { try JSONText.decode(TrainedRun.self, from: $0) }
    }

    private func store(_ run: TrainedRun, protocolName: String, condition: String, seed: UInt64, fingerprint: String, testFingerprint: String, arguments: [String]) throws {
        try workspace.database.transaction {
            let runID = try workspace.recordRun(command: "compare", arguments: arguments)
            try workspace.database.prepare("""
                INSERT OR REPLACE INTO comparison_runs(run_id, protocol, condition, seed, fingerprint, test_fingerprint, result_json, created_at)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?)
                """).run(.integer(runID), .text(protocolName), .text(condition), .integer(Int64(bitPattern: seed)),
                         .text(fingerprint), .text(testFingerprint), .text(try JSONText.encode(run)), .text(Timestamp.now()))
        }
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
