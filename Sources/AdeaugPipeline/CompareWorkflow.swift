import AdeaugCore
import AdeaugExperiments
import Logging

/// `adeaug compare`: the baseline against every training set built by `rebalance` (or the
/// named ones), trained with the same trainer and seeds, scored on the workspace's test split.
public struct CompareWorkflow {
    public var conditions: [String]?
    public var seeds: [UInt64]
    public var trainer: any ClassifierTrainer

    public init(conditions: [String]?, seeds: [UInt64], trainer: any ClassifierTrainer) {
        self.conditions = conditions
        self.seeds = seeds
        self.trainer = trainer
    }

    public func run(workspace: Workspace, protocolName: String, arguments: [String], logger: Logger) throws -> ProtocolComparison {
        let conditions = try conditions(in: workspace)
        let test = try workspace.examples(split: .test)
        var runner = try ComparisonRunner(workspace: workspace, trainer: trainer)
        runner.onRun = { condition, seed, index, total, resumed in
            logger.info("[\(index)/\(total)] \(condition), seed \(seed)\(resumed ? ": done before, reusing it" : "")")
        }
        return try runner.run(protocolName: protocolName, conditions: conditions, seeds: seeds, test: test, arguments: arguments)
    }

    /// The baseline and the training sets to compare, as built by `rebalance`; only reads the workspace.
    public func conditions(in workspace: Workspace) throws -> [ComparisonCondition] {
        let store = try TrainingSetStore(workspace: workspace)
        let available = try store.names()
        let wanted = conditions ?? available.filter { !$0.hasPrefix("none") }
        var sets: [TrainingSet] = []
        for name in wanted where name != "baseline" {
            guard let match = available.first(where: { $0 == name }) ?? available.first(where: { $0.hasPrefix(name) }) else {
                throw ExperimentError.missing("No training set \(name) in the workspace (have: \(available.joined(separator: ", "))). Build it with `adeaug rebalance --strategy \(name)`.")
            }
            sets.append(try store.load(name: match))
        }
        // The baseline uses the same real data as the augmented sets: same low-resource subsample.
        let subsamples = Set(sets.map(\.recipe.trainPositives))
        guard subsamples.count <= 1 else {
            throw ExperimentError.invalidRecipe("the training sets subsample real positives differently (\(subsamples.map { $0.map(String.init) ?? "all" }.joined(separator: ", "))); compare sets built with the same --train-positives")
        }
        let reference = sets.first?.recipe
        let baselineRecipe = RebalanceRecipe(strategy: .none, trainPositives: reference?.trainPositives, seed: reference?.seed ?? 42)
        let baseline = try Rebalancer(recipe: baselineRecipe).build(training: try workspace.examples(split: .train))
        return [ComparisonCondition(name: "baseline", trainingSet: baseline)]
            + sets.map { ComparisonCondition(name: $0.recipe.strategy.rawValue, trainingSet: $0) }
    }
}
