import AdeaugCore
import AdeaugExperiments
import Foundation

/// A comparison shaped like the demo's: 4 conditions × 3 seeds, 1.5% positives in training and
/// test, F1 at 0.5 between about 0.2 and 0.5, run through the real `ComparisonRunner` (bootstrap,
/// AP, validation thresholds) with `PriorFollowingTrainer` standing in for BERT.
struct DemoLikeComparison {
    let folder: URL

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-plots-\(UUID().uuidString)")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func run(protocols: [String]) throws -> [ProtocolComparison] {
        let workspace = try Workspace(directory: folder.appendingPathComponent("ws").path, create: true)
        let (train, test) = Self.corpus()
        let recipes: [(String, RebalanceRecipe)] = [
            ("baseline", RebalanceRecipe(strategy: .none)),
            ("oversample", RebalanceRecipe(strategy: .oversample, target: .positiveShare(0.5))),
            ("eda", RebalanceRecipe(strategy: .eda, target: .positiveShare(0.25))),
            ("oversample-r0.1", RebalanceRecipe(strategy: .oversample, target: .positiveShare(0.1))),
        ]
        let conditions = try recipes.map { ComparisonCondition(name: $0.0, trainingSet: try Rebalancer(recipe: $0.1).build(training: train)) }
        var runner = try ComparisonRunner(workspace: workspace, trainer: PriorFollowingTrainer())
        runner.bootstrap = Bootstrap(resamples: 400)
        return try protocols.map { try runner.run(protocolName: $0, conditions: conditions, seeds: [1, 2, 3], test: test, arguments: []) }
    }

    /// 3,000 training and 1,000 test sentences, 1.5% of each `Adverse_Event`.
    static func corpus() -> (train: [Example], test: [Example]) {
        let drugs = ["aspirin", "warfarin", "lithium", "heparin", "insulin", "digoxin", "phenytoin", "amiodarone"]
        var examples: [Example] = []
        for id in Int64(1)...4_000 {
            let split: SplitName = id <= 3_000 ? .train : .test
            let positive = id % 200 < 3  // 1.5%
            let drug = drugs[Int(id) % drugs.count]
            let text = positive ? "Treatment with \(drug) caused severe hepatitis in patient \(id)." : "Patient \(id) received \(drug) for chronic pain without incident."
            examples.append(Example(
                id: id, text: text, label: positive ? .adverseEvent : .notAdverseEvent, split: split,
                pmids: ["\(id)"], source: SourceLocation(file: "demo-like", line: Int(id)), rowCount: 1))
        }
        return (examples.filter { $0.split == .train }, examples.filter { $0.split == .test })
    }
}
