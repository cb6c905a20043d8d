import AdeaugCore

/// Builds a training set from the real training split plus added positives.
public struct Rebalancer: Sendable {
    public var recipe: RebalanceRecipe
    public var augmenter: WordLevelAugmenter

    public init(recipe: RebalanceRecipe, protectedWords: Set<String> = []) {
        self.recipe = recipe
        self.augmenter = WordLevelAugmenter(protectedWords: protectedWords)
    }

    /// - Parameters:
    ///   - training: the real training split.
    ///   - acceptedCandidates: candidates that passed every check (`synthetic` adds the positives
    ///     among them, `synthetic-negatives` the negatives).
    public func build(training: [Example], acceptedCandidates: [Candidate] = []) throws -> TrainingSet {
        var generator = SeededGenerator(seed: recipe.seed)
        var positives = training.filter { $0.label == .adverseEvent }
        let negatives = training.filter { $0.label == .notAdverseEvent }
        if let keep = recipe.trainPositives {
            guard keep > 0 else { throw ExperimentError.invalidRecipe("--train-positives must be positive") }
            positives = Array(positives.deterministicallyShuffled(using: &generator).prefix(keep))
                .sorted { $0.id < $1.id }
        }
        if case .positiveShare = recipe.target, recipe.strategy == .syntheticNegatives {
            throw ExperimentError.invalidRecipe("synthetic-negatives adds negatives: give --count, not --ratio")
        }
        let requested: Int
        switch recipe.target {
        case .positiveShare(let share):
            guard share > 0 && share < 1 else { throw ExperimentError.invalidRecipe("--ratio must be between 0 and 1, got \(share)") }
            let wanted = Int((share * Double(negatives.count) / (1 - share)).rounded())
            requested = recipe.strategy == .none ? 0 : max(0, wanted - positives.count)
        case .count(let count):
            guard count >= 0 else { throw ExperimentError.invalidRecipe("--count must not be negative") }
            requested = recipe.strategy == .none ? 0 : count
        }

        var items = (negatives + positives).sorted { $0.id < $1.id }.map {
            TrainingItem(text: $0.text, label: $0.label, origin: .real, sourceID: $0.id)
        }
        var additions: [TrainingItem] = []
        switch recipe.strategy {
        case .none:
            break
        case .synthetic:
            let usable = acceptedCandidates.filter { $0.label == .adverseEvent }
            additions = usable.deterministicallyShuffled(using: &generator).prefix(requested).map {
                TrainingItem(text: $0.text, label: .adverseEvent, origin: .synthetic, sourceID: $0.id)
            }
        case .syntheticNegatives:
            let usable = acceptedCandidates.filter { $0.label == .notAdverseEvent }
            additions = usable.deterministicallyShuffled(using: &generator).prefix(requested).map {
                TrainingItem(text: $0.text, label: .notAdverseEvent, origin: .synthetic, sourceID: $0.id)
            }
        case .oversample, .eda:
            guard !positives.isEmpty || requested == 0 else {
                throw ExperimentError.invalidRecipe("no real positives to \(recipe.strategy.rawValue) from")
            }
            var order: [Example] = []
            while additions.count < requested {
                if order.isEmpty { order = positives.deterministicallyShuffled(using: &generator) }
                let source = order.removeLast()
                let text = recipe.strategy == .eda ? augmenter.augment(source.text, using: &generator) : source.text
                additions.append(TrainingItem(
                    text: text, label: .adverseEvent, origin: recipe.strategy == .eda ? .eda : .oversampled, sourceID: source.id))
            }
        }
        items += additions
        return TrainingSet(
            recipe: recipe, items: items, realPositives: positives.count, realNegatives: negatives.count,
            requestedAdditions: requested, added: additions.count)
    }
}

public enum ExperimentError: Error, CustomStringConvertible, Equatable {
    case invalidRecipe(String)
    case missing(String)

    public var description: String {
        switch self {
        case .invalidRecipe(let message): "Invalid rebalancing recipe: \(message)."
        case .missing(let message): message
        }
    }
}
