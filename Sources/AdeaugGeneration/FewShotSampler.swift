import AdeaugCore

/// Draws the few-shot examples of each prompt: training sentences of one class only, seeded,
/// and varied within a prompt.
///
/// Only the training split is ever shown to the endpoint: a test sentence in a prompt could come
/// back paraphrased as a "synthetic" training example and leak the test set into training. The
/// initialiser refuses any example not in `train`, whatever its caller passes.
///
/// Variety: the examples of one prompt come from different PubMed abstracts, name different
/// drugs and share no rare word. Drug names come from the corpus's annotations when the caller
/// has them (`drugs`, from DRUG-AE.rel); rare words (few sentences use them) are checked too,
/// since drug and reaction names are the rare words of this corpus. Constraints are relaxed one
/// at a time, most specific first, only when a prompt cannot be filled otherwise.
public struct FewShotSampler: Sendable {
    public let label: Label
    public let count: Int
    private let pool: [Example]
    private let rareTerms: [Set<String>]
    private let drugs: [Set<String>]

    /// - Parameter drugs: annotated drug names by example id (lower case); may be empty.
    public init(examples: [Example], label: Label, count: Int = 5, drugs: [Int64: Set<String>] = [:]) throws(GenerationError) {
        if let leaked = examples.first(where: { $0.split != .train }) {
            throw .testExampleOffered(exampleID: leaked.id)
        }
        let pool = examples.filter { $0.label == label }
        guard pool.count >= count else {
            throw .noExamples(
                "The training split holds \(pool.count) \(label.name) sentences; \(count) are needed per prompt. Run `adeaug ingest` on a corpus with more.")
        }
        self.label = label
        self.count = count
        self.pool = pool
        let words = pool.map { Self.terms(of: $0.text) }
        var frequency: [String: Int] = [:]
        for set in words { for word in set { frequency[word, default: 0] += 1 } }
        let rareBelow = max(3, pool.count / 200)
        rareTerms = words.map { $0.filter { frequency[$0, default: 0] <= rareBelow } }
        self.drugs = pool.map { drugs[$0.id] ?? [] }
    }

    /// Reads the training split of `workspace`.
    public init(workspace: Workspace, label: Label, count: Int = 5, drugs: [Int64: Set<String>] = [:]) throws {
        try self.init(examples: try workspace.examples(split: .train), label: label, count: count, drugs: drugs)
    }

    /// Sentences available to draw from.
    public var poolSize: Int { pool.count }

    /// The examples of one prompt, the same for the same seed.
    public func sample(seed: UInt64) -> [Example] {
        var generator = SeededGenerator(seed: seed)
        var chosen: [Int] = []
        var usedPMIDs: Set<String> = []
        var usedTerms: Set<String> = []
        var usedDrugs: Set<String> = []
        // Strict first (new abstract, new drug, no shared rare word), then relaxed step by step.
        for strictness in [3, 2, 1, 0] {
            var tries = 0
            while chosen.count < count && tries < 64 * count {
                tries += 1
                let index = generator.nextInt(below: pool.count)
                if chosen.contains(index) { continue }
                let example = pool[index]
                if strictness >= 1 && !usedPMIDs.isDisjoint(with: example.pmids) { continue }
                if strictness >= 2 && !usedDrugs.isDisjoint(with: drugs[index]) { continue }
                if strictness >= 3 && !usedTerms.isDisjoint(with: rareTerms[index]) { continue }
                chosen.append(index)
                usedPMIDs.formUnion(example.pmids)
                usedTerms.formUnion(rareTerms[index])
                usedDrugs.formUnion(drugs[index])
            }
        }
        return chosen.map { pool[$0] }
    }

    static func terms(of text: String) -> Set<String> {
        var result: Set<String> = []
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" {
                word.append(character)
            } else {
                if word.count >= 5 { result.insert(word) }
                word = ""
            }
        }
        if word.count >= 5 { result.insert(word) }
        return result
    }
}
