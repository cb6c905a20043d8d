import AdeaugCore
import Foundation

/// Draws each request's drug and effect from the training split's annotated pairs.
///
/// Only training annotations are ever offered (the caller reads them from the training split):
/// a test pair in a prompt could come back as a near copy of a test sentence. Drug and effect
/// names are compared case-insensitively, so "Aspirin"/"aspirin" is one drug and a recombined
/// pair is one whose lower-cased drug and effect are never annotated together.
public struct AttributeSampler: Sendable {
    public let mode: ConditioningMode
    public let recombinedShare: Double
    private let pairs: [DrugEffectPair]
    private let drugs: [String]
    private let effects: [String]
    private let seenKeys: Set<DrugEffectPair>

    public init(pairs: [DrugEffectPair], mode: ConditioningMode, recombinedShare: Double = 0.5) throws(GenerationError) {
        var unique: [DrugEffectPair] = []
        var keys: Set<DrugEffectPair> = []
        var drugNames: [String: String] = [:]
        var effectNames: [String: String] = [:]
        for pair in pairs {
            let drug = pair.drug.trimmingCharacters(in: .whitespaces)
            let effect = pair.effect.trimmingCharacters(in: .whitespaces)
            guard !drug.isEmpty, !effect.isEmpty else { continue }
            let key = DrugEffectPair(drug: drug.lowercased(), effect: effect.lowercased())
            if keys.insert(key).inserted { unique.append(DrugEffectPair(drug: drug, effect: effect)) }
            // The first spelling met names the drug (or effect) in prompts.
            if drugNames[key.drug] == nil { drugNames[key.drug] = drug }
            if effectNames[key.effect] == nil { effectNames[key.effect] = effect }
        }
        guard mode == .plain || !unique.isEmpty else {
            throw .noExamples(
                "Conditioned prompts (\(mode.rawValue)) need the drug and effect annotations of DRUG-AE.rel in the training split; this workspace has none. Ingest the ADE Corpus v2 original files, or use conditioning: plain.")
        }
        self.mode = mode
        self.recombinedShare = recombinedShare
        self.pairs = unique
        // Sorted: the same draws for the same seed whatever order the database returned rows in.
        drugs = drugNames.values.sorted()
        effects = effectNames.values.sorted()
        seenKeys = keys
        if mode == .recombined && !Self.hasRecombination(drugs: drugs, effects: effects, seen: keys) {
            throw .noExamples("Every drug in the training split is annotated with every effect: no recombined pair exists. Use conditioning: seen.")
        }
    }

    /// Whether the annotated pairs leave at least one drug–effect combination unseen.
    private static func hasRecombination(drugs: [String], effects: [String], seen: Set<DrugEffectPair>) -> Bool {
        seen.count < drugs.count * effects.count
    }

    /// Distinct pairs annotated together in training.
    public var seenPairCount: Int { pairs.count }

    /// Whether `drug` and `effect` are annotated together in a training sentence.
    public func isSeen(drug: String, effect: String) -> Bool {
        seenKeys.contains(DrugEffectPair(drug: drug.lowercased(), effect: effect.lowercased()))
    }

    /// The attributes of one request for `label`; nil in plain mode. Adverse events get a drug
    /// and an effect; negatives a drug only (a sentence that names a drug and no adverse effect).
    public func draw(seed: UInt64, label: Label) -> PromptAttributes? {
        guard mode != .plain else { return nil }
        var generator = SeededGenerator(seed: seed)
        if label == .notAdverseEvent {
            return PromptAttributes(drug: drugs[generator.nextInt(below: drugs.count)], effect: nil, pairing: .drugOnly)
        }
        let recombine = switch mode {
        case .plain, .seen: false
        case .recombined: true
        case .mixed: generator.nextUnit() < recombinedShare
        }
        guard recombine, let pair = recombinedPair(using: &generator) else {
            let pair = pairs[generator.nextInt(below: pairs.count)]
            return PromptAttributes(drug: pair.drug, effect: pair.effect, pairing: .seen)
        }
        return PromptAttributes(drug: pair.drug, effect: pair.effect, pairing: .recombined)
    }

    /// A random unseen combination: rejection sampling (nearly every combination is unseen in
    /// this corpus), then a deterministic scan so a dense table still yields one when it exists.
    private func recombinedPair(using generator: inout SeededGenerator) -> DrugEffectPair? {
        for _ in 0..<256 {
            let drug = drugs[generator.nextInt(below: drugs.count)]
            let effect = effects[generator.nextInt(below: effects.count)]
            if !isSeen(drug: drug, effect: effect) { return DrugEffectPair(drug: drug, effect: effect) }
        }
        let start = generator.nextInt(below: drugs.count)
        for offset in 0..<drugs.count {
            let drug = drugs[(start + offset) % drugs.count]
            if let effect = effects.first(where: { !isSeen(drug: drug, effect: $0) }) {
                return DrugEffectPair(drug: drug, effect: effect)
            }
        }
        return nil
    }
}
