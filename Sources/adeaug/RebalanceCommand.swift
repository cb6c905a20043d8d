import AdeaugBERT
import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import ArgumentParser

struct RebalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalance",
        abstract: "Build a training set: the training split plus added positives, stored in the workspace with its recipe.",
        discussion: """
            Strategies: synthetic (generated candidates that passed `adeaug check`), oversample \
            (repeat real positives), eda (word-level edits of real positives that keep numbers, \
            units and drug names), none. Add positives to a target share (--ratio) or a count \
            (--count), capped by what is available. --train-positives keeps only N real positives \
            first (low-resource mode). --label-filter P trains a classifier on the real training \
            split (frozen encoder) and keeps only candidates it gives P(Adverse_Event) >= P.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "synthetic|oversample|eda|none")
    var strategy: AugmentationStrategy

    @Option(help: "Target positive share of the training set.")
    var ratio: Double?

    @Option(help: "Number of positives to add (instead of --ratio).")
    var count: Int?

    @Option(help: "Keep only this many real positives first (seeded).")
    var trainPositives: Int?

    @Option(help: "Minimum P(Adverse_Event) a synthetic candidate needs from the label filter.")
    var labelFilter: Double?

    @Option(help: "Checkpoint for the label filter (default: the MiniLM checkpoint from setup).")
    var model: String?

    @Option(help: "Seed for subsampling, sampling and edits.")
    var seed: UInt64 = 42

    @Option(help: "Also write the set as JSONL to this file.")
    var out: String?

    func validate() throws {
        if ratio != nil && count != nil { throw ValidationError("Give --ratio or --count, not both.") }
    }

    func run() throws {
        let logger = global.makeLogger()
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
        let recipe = RebalanceRecipe(
            strategy: strategy, target: count.map { .count($0) } ?? .positiveShare(ratio ?? 0.5),
            trainPositives: trainPositives, seed: seed, labelFilterThreshold: labelFilter)
        var filterTrainer: BertClassifierTrainer?
        if labelFilter != nil {
            var options = TrainingOptions()
            options.freezeEncoder = true
            options.learningRate = 1e-3
            options.epochs = 5
            filterTrainer = BertClassifierTrainer(modelDirectory: try ModelLocator.resolve(explicit: model), options: options)
        }
        let set = try RebalanceWorkflow(recipe: recipe, labelFilterTrainer: filterTrainer)
            .run(workspace: workspace, arguments: Array(CommandLine.arguments.dropFirst()), logger: logger)
        print("\(recipe.name): \(set.items.count) sentences (\(set.realPositives) real positives, \(set.realNegatives) negatives, \(set.added) added of \(set.requestedAdditions) asked), \(String(format: "%.1f%%", set.positiveShare * 100)) positive")
        if let dropped = set.labelFilterDropped { print("label filter dropped \(dropped) of \(set.candidatesAvailable ?? 0) candidates") }
        if let out {
            let path = try TrainingSetStore(workspace: workspace).exportJSONL(name: recipe.name, to: out)
            logger.info("wrote \(path)")
        }
    }
}

extension AugmentationStrategy: ExpressibleByArgument {}
