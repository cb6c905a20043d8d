import AdeaugCore
import Foundation

/// A labelled set of sentence pairs built from ADE Corpus v2, to measure the near-duplicate
/// check's recall and false-positive rate (the targets: recall ≥ 98%, false positives
/// ≤ 1%). Deterministic for a seed.
///
/// - Positive pairs: a corpus sentence and a copy changed by one or two surface edits (case,
///   punctuation, whitespace, Unicode forms: full-width, NFD, typographic quotes and dashes,
///   no-break spaces) and by 0, 1 or 2 word edits (insertion of a corpus word, deletion,
///   substitution by a corpus word or, when the sentence names a one-word drug, by another
///   drug's name).
/// - Negative pairs: two distinct corpus sentences (different normalised text) annotated with
///   the same drug in DRUG-AE.rel.
public struct NearDuplicateEvaluationSet: Sendable {
    public var pairs: [LabelledPair]

    public init(corpus: AdeCorpusSentences, seed: UInt64, positives: Int, negatives: Int) {
        var generator = SeededGenerator(seed: seed)
        let perturber = SentencePerturber(corpus: corpus)
        var pairs: [LabelledPair] = []
        pairs.reserveCapacity(positives + negatives)
        for _ in 0..<positives {
            let index = generator.nextInt(below: corpus.sentences.count)
            let sentence = corpus.sentences[index]
            let edits = generator.nextInt(below: 3)
            let (query, kind) = perturber.perturb(
                sentence, drugs: corpus.drugs[index] ?? [], wordEdits: edits, using: &generator)
            pairs.append(LabelledPair(
                referenceIndex: index, reference: sentence, query: query, isDuplicate: true,
                kind: kind, wordEdits: edits))
        }
        pairs.append(contentsOf: Self.negativePairs(corpus: corpus, count: negatives, using: &generator))
        self.pairs = pairs
    }

    private static func negativePairs(
        corpus: AdeCorpusSentences, count: Int, using generator: inout SeededGenerator
    ) -> [LabelledPair] {
        let normalizer = TextNormalizer()
        // drug (lower case) → sentences naming it, in corpus order for determinism.
        var byDrug: [String: [Int]] = [:]
        var annotated: [Int] = []
        for index in corpus.sentences.indices {
            guard let drugs = corpus.drugs[index] else { continue }
            annotated.append(index)
            for drug in drugs { byDrug[drug.lowercased(), default: []].append(index) }
        }
        var pairs: [LabelledPair] = []
        var attempts = 0
        while pairs.count < count, attempts < count * 50 {
            attempts += 1
            let first = annotated[generator.nextInt(below: annotated.count)]
            let drugs = corpus.drugs[first]!
            let drug = drugs[generator.nextInt(below: drugs.count)].lowercased()
            let group = byDrug[drug]!
            guard group.count > 1 else { continue }
            let second = group[generator.nextInt(below: group.count)]
            let a = corpus.sentences[first]
            let b = corpus.sentences[second]
            guard normalizer.normalize(a) != normalizer.normalize(b) else { continue }
            pairs.append(LabelledPair(
                referenceIndex: first, reference: a, query: b, isDuplicate: false,
                kind: "shares drug \(drug)", wordEdits: 0))
        }
        return pairs
    }
}
