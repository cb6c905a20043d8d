import AdeaugCore

/// Every training run of a comparison, in the order one process trains them (each batch's
/// conditions, each condition's seeds), so that array tasks can split them: cell `i` belongs
/// to task `i mod N`, which every task works out alone from the same workspace and settings.
public struct ComparisonGrid: Sendable {
    /// One comparison of the grid: a protocol's conditions (a learning curve has one per budget).
    public struct Batch: Sendable {
        public var protocolName: String
        public var conditions: [ComparisonCondition]

        public init(protocolName: String, conditions: [ComparisonCondition]) {
            self.protocolName = protocolName
            self.conditions = conditions
        }
    }

    public var cells: [ComparisonCell]
    public var test: [Example]
    /// Names the grid: the same workspace data, trainer settings and seeds give the same one, so
    /// a task's part is never merged into a comparison it was not trained for.
    public var fingerprint: String

    public init(batches: [Batch], seeds: [UInt64], test: [Example], trainer: any ClassifierTrainer) {
        let testFingerprint = ComparisonRunner.fingerprint(of: test.map(\.text))
        var cells: [ComparisonCell] = []
        for batch in batches {
            for condition in batch.conditions {
                let fingerprint = ComparisonRunner.runFingerprint(trainer: trainer, trainingSet: condition.trainingSet)
                for seed in seeds {
                    let key = ComparisonRunKey(
                        protocolName: batch.protocolName, condition: condition.name, seed: seed,
                        fingerprint: fingerprint, testFingerprint: testFingerprint)
                    cells.append(ComparisonCell(key: key, condition: condition))
                }
            }
        }
        self.cells = cells
        self.test = test
        self.fingerprint = ComparisonRunner.fingerprint(of: cells.map {
            "\($0.key.protocolName)\t\($0.key.condition)\t\($0.key.seed)\t\($0.key.fingerprint)\t\($0.key.testFingerprint)"
        })
    }

    /// Every sentence the grid's runs see (training sets and the test split), sorted, each once:
    /// what `ClassifierTrainer.prepare(sentences:)` is given before the first run is trained.
    public var sentences: [String] {
        var texts = Set(test.map(\.text))
        for cell in cells { texts.formUnion(cell.condition.trainingSet.items.map(\.text)) }
        return texts.sorted()
    }

    /// The cells `task` trains: every `count`-th, starting at its index.
    public func cells(of task: ArrayTask) -> [ComparisonCell] {
        task.select(cells)
    }
}
