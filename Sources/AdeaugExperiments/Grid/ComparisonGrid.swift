import AdeaugCore

/// Every training run of a comparison, in the order one process trains them (each batch's
/// conditions, each condition's seeds), so that array tasks can split them: cell `i` belongs
/// to task `i mod N`, which every task works out alone from the same workspace and settings.
public struct ComparisonGrid {
    /// One comparison of the grid: a protocol's conditions (a learning curve adds one per budget).
    public struct Batch {
        public var protocolName: String
        public var conditions: [ComparisonCondition]
        /// Trains this batch's runs; nil: the grid's trainer. A learning curve trains its budgets
        /// with the frozen encoder even when the comparison fine-tunes the whole encoder.
        public var trainer: (any ClassifierTrainer)?

        public init(protocolName: String, conditions: [ComparisonCondition], trainer: (any ClassifierTrainer)? = nil) {
            self.protocolName = protocolName
            self.conditions = conditions
            self.trainer = trainer
        }
    }

    /// The batches, each with its trainer set.
    public var batches: [Batch]
    public var cells: [ComparisonCell]
    public var test: [Example]
    /// Names the grid: the same workspace data, trainer settings and seeds give the same one, so
    /// a task's part is never merged into a comparison it was not trained for.
    public var fingerprint: String

    public init(batches: [Batch], seeds: [UInt64], test: [Example], trainer: any ClassifierTrainer) {
        let testFingerprint = ComparisonRunner.fingerprint(of: test.map(\.text))
        let batches = batches.map { batch in
            Batch(protocolName: batch.protocolName, conditions: batch.conditions, trainer: batch.trainer ?? trainer)
        }
        var cells: [ComparisonCell] = []
        for batch in batches {
            let trainer = batch.trainer ?? trainer
            for condition in batch.conditions {
                let fingerprint = ComparisonRunner.runFingerprint(trainer: trainer, trainingSet: condition.trainingSet)
                for seed in seeds {
                    let key = ComparisonRunKey(
                        protocolName: batch.protocolName, condition: condition.name, seed: seed,
                        fingerprint: fingerprint, testFingerprint: testFingerprint)
                    cells.append(ComparisonCell(key: key, condition: condition, trainer: trainer))
                }
            }
        }
        self.batches = batches
        self.cells = cells
        self.test = test
        self.fingerprint = ComparisonRunner.fingerprint(of: cells.map {
            "\($0.key.protocolName)\t\($0.key.condition)\t\($0.key.seed)\t\($0.key.fingerprint)\t\($0.key.testFingerprint)"
        })
    }

    /// Every sentence a batch's runs see (training sets and the test split), sorted, each once:
    /// what `ClassifierTrainer.prepare(sentences:)` is given before the batch's first run.
    public func sentences(of batch: Batch) -> [String] {
        var texts = Set(test.map(\.text))
        for condition in batch.conditions { texts.formUnion(condition.trainingSet.items.map(\.text)) }
        return texts.sorted()
    }

    /// Prepares every batch's trainer with the batch's sentences, batch after batch: the order
    /// one process prepares them in (`compare`, then each budget of the learning curve), so a
    /// task's cache holds the same states whichever cells it trains.
    public func prepare() throws {
        for batch in batches {
            try batch.trainer?.prepare(sentences: sentences(of: batch))
        }
    }

    /// The cells `task` trains: every `count`-th, starting at its index.
    public func cells(of task: ArrayTask) -> [ComparisonCell] {
        task.select(cells)
    }
}
