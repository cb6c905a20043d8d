import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugContamination

@Suite struct NearDuplicateIndexTests {
    @Test func doseOnlyDifferenceIsNearDuplicateButNotExact() throws {
        var index = NearDuplicateIndex()
        index.insert("Hypotension developed after 5 mg of intravenous metoprolol.")
        let match = try #require(index.bestMatch(for: "Hypotension developed after 10 mg of intravenous metoprolol."))
        #expect(match.editDistance == 0)
        #expect(!match.exact)
        let same = try #require(index.bestMatch(for: "HYPOTENSION developed after 5 mg of intravenous  metoprolol"))
        #expect(same.exact == false || same.editDistance == 0)
        #expect(index.bestMatch(for: "Hypotension developed after 5 mg of intravenous metoprolol.")?.exact == true)
    }

    @Test func surfaceFormsFold() throws {
        var index = NearDuplicateIndex()
        index.insert("Intravenous azithromycin-induced ototoxicity.")
        for variant in [
            "intravenous azithromycin induced ototoxicity",
            "ＩＮＴＲＡＶＥＮＯＵＳ　ａｚｉｔｈｒｏｍｙｃｉｎ－ｉｎｄｕｃｅｄ　ｏｔｏｔｏｘｉｃｉｔｙ．",
            " Intravenous\tazithromycin \u{2013} induced\nototoxicity . ",
        ] {
            let match = try #require(index.bestMatch(for: variant), "\(variant)")
            #expect(match.editDistance == 0)
        }
    }

    @Test func unrelatedShortSentencesAreNotDuplicates() {
        var index = NearDuplicateIndex()
        index.insert("Case report.")
        index.insert("Hepatic injury caused by amiodarone.")
        #expect(index.bestMatch(for: "Renal failure.") == nil)
        #expect(index.bestMatch(for: "Renal failure caused by lithium.") == nil)
        #expect(index.bestMatch(for: "Hepatic injury caused by valproate.") != nil)
    }

    @Test func editDistanceIsBounded() {
        #expect(WordEditDistance.distance([1, 2, 3], [1, 2, 3], limit: 2) == 0)
        #expect(WordEditDistance.distance([1, 2, 3, 4], [1, 3, 4], limit: 2) == 1)
        #expect(WordEditDistance.distance([1, 2, 3, 4, 5], [9, 2, 3, 8, 5], limit: 2) == 2)
        #expect(WordEditDistance.distance([1, 2, 3, 4, 5], [9, 2, 7, 8, 5], limit: 2) == nil)
        #expect(WordEditDistance.distance([], [1, 2], limit: 2) == 2)
        #expect(WordEditDistance.distance([1, 2, 3, 4, 5, 6], [1, 2, 3], limit: 2) == nil)
    }

    /// The partition index must return exactly what comparing against every sentence returns.
    @Test func indexAgreesWithBruteForce() throws {
        let corpus = try AdeCorpusSentences(directory: SharedData.adeCorpus)
        let references = Array(corpus.sentences.prefix(3000))
        var index = NearDuplicateIndex()
        for sentence in references { index.insert(sentence) }
        let evaluation = NearDuplicateEvaluationSet(corpus: AdeCorpusSentences(
            sentences: references, drugs: corpus.drugs.filter { $0.key < references.count }),
            seed: 7, positives: 150, negatives: 0)
        let prepared = references.map { index.prepare($0) }
        for pair in evaluation.pairs {
            let query = index.prepare(pair.query)
            let fromIndex = Set(index.matches(prepared: query).map(\.entry))
            let brute = Set(prepared.indices.filter { index.compare(query, prepared[$0]) != nil })
            #expect(fromIndex == brute, "\(pair.query)")
        }
    }

    /// The targets on the labelled set: recall ≥ 98%, false positives ≤ 1%.
    @Test func meetsRecallAndFalsePositiveTargetsOnAdeCorpus() throws {
        let corpus = try AdeCorpusSentences(directory: SharedData.adeCorpus)
        #expect(corpus.sentences.count == 20_896)
        let evaluation = NearDuplicateEvaluationSet(corpus: corpus, seed: 42, positives: 3000, negatives: 3000)
        var index = NearDuplicateIndex()
        for sentence in corpus.sentences { index.insert(sentence) }
        var found = 0, positives = 0, falsePositives = 0, negatives = 0
        var missed: [String] = []
        for pair in evaluation.pairs {
            if pair.isDuplicate {
                positives += 1
                let matches = index.matches(prepared: index.prepare(pair.query))
                if matches.contains(where: { $0.entry == pair.referenceIndex }) {
                    found += 1
                } else if missed.count < 10 {
                    missed.append("[\(pair.kind)] \(pair.reference) ⇢ \(pair.query)")
                }
            } else {
                negatives += 1
                if index.compare(index.prepare(pair.reference), index.prepare(pair.query)) != nil {
                    falsePositives += 1
                }
            }
        }
        let recall = Double(found) / Double(positives)
        let falsePositiveRate = Double(falsePositives) / Double(negatives)
        print("near-duplicate recall \(recall) (\(found)/\(positives)), false positives \(falsePositiveRate) (\(falsePositives)/\(negatives))")
        for line in missed { print("missed: \(line)") }
        #expect(negatives == 3000)
        #expect(recall >= 0.98)
        #expect(falsePositiveRate <= 0.01)
    }
}
