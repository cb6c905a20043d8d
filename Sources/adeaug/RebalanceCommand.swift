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
            split (frozen encoder) and keeps only candidates it gives P(Adverse_Event) >= P. \
            Defaults are adeaug.yaml's rebalance section, so the sets match those `adeaug run` builds.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "How positives are added.")
    var strategy: AugmentationStrategy

    @Option(help: "Add positives until they are this share of the training set (instead of --count).")
    var ratio: Double?

    @Option(help: "Number of positives to add (default: \(RebalanceSettings().count.map(String.init) ?? "none")).")
    var count: Int?

    @Option(help: "Low-resource mode: keep only this many real positives first, seeded (default: \(RebalanceSettings().trainPositives.map(String.init) ?? "all")).")
    var trainPositives: Int?

    @Flag(help: "Keep every real positive (low-resource mode off).")
    var allPositives = false

    @Option(help: "Minimum P(Adverse_Event) a synthetic candidate needs from the label filter (default: \(RebalanceSettings().labelFilter.map { String($0) } ?? "off")).")
    var labelFilter: Double?

    @Flag(help: "No label filter.")
    var noLabelFilter = false

    @Option(help: "Checkpoint for the label filter (default: the MiniLM checkpoint from setup).")
    var model: String?

    @Option(help: "Seed for subsampling, sampling and edits.")
    var seed: UInt64 = RebalanceSettings().seed

    @Option(help: "Also write the set as JSONL to this file.")
    var out: String?

    func validate() throws {
        if ratio != nil && count != nil { throw ValidationError("Give --ratio or --count, not both.") }
        if allPositives && trainPositives != nil { throw ValidationError("Give --train-positives or --all-positives, not both.") }
        if noLabelFilter && labelFilter != nil { throw ValidationError("Give --label-filter or --no-label-filter, not both.") }
    }

    /// adeaug.yaml's rebalance defaults (those `adeaug run` builds with) and the flags over them.
    func settings() -> RebalanceSettings {
        var settings = RebalanceSettings()
        settings.strategies = [strategy]
        if let ratio {
            settings.ratio = ratio
            settings.count = nil
        }
        if let count { settings.count = count }
        if let trainPositives { settings.trainPositives = trainPositives }
        if allPositives { settings.trainPositives = nil }
        if let labelFilter { settings.labelFilter = labelFilter }
        if noLabelFilter { settings.labelFilter = nil }
        settings.seed = seed
        return settings
    }

    func run() throws {
        let logger = global.makeLogger()
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
        let recipe = settings().recipe(for: strategy)
        var filterTrainer: BertClassifierTrainer?
        if recipe.labelFilterThreshold != nil {
            // The same classifier `adeaug run` filters with: the comparison's linear probe.
            var comparison = ComparisonSettings()
            comparison.model = model
            filterTrainer = try BertClassifierTrainer(comparison: comparison, training: comparison.training)
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
