import AdeaugCore
import Foundation

/// The distinct sentences of ADE Corpus v2's original files, with the drugs annotated in them:
/// what the near-duplicate evaluation set and the check benchmark are built from.
///
/// A reader of its own rather than the corpus stage's: stages do not depend on each other, and
/// this needs only sentences and drug names, not labels, PMIDs or the split.
public struct AdeCorpusSentences: Sendable {
    /// Distinct sentences (exact text) in file order: DRUG-AE.rel first, then ADE-NEG.txt.
    public var sentences: [String]
    /// Drug names (DRUG-AE.rel column 6) annotated in each sentence, by index into `sentences`.
    public var drugs: [Int: [String]]

    public init(sentences: [String], drugs: [Int: [String]]) {
        self.sentences = sentences
        self.drugs = drugs
    }

    /// Reads `DRUG-AE.rel` and `ADE-NEG.txt` from `directory`.
    public init(directory: String) throws {
        var sentences: [String] = []
        var positions: [String: Int] = [:]
        var drugs: [Int: [String]] = [:]
        func add(_ sentence: String) -> Int {
            if let position = positions[sentence] { return position }
            positions[sentence] = sentences.count
            sentences.append(sentence)
            return sentences.count - 1
        }
        let relPath = (directory as NSString).appendingPathComponent("DRUG-AE.rel")
        for line in try Self.lines(of: relPath) {
            let fields = line.text.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count >= 8 else {
                throw ContaminationError.malformedInput(
                    file: relPath, line: line.number, reason: "expected 8 '|'-separated fields, found \(fields.count)")
            }
            let position = add(String(fields[1]))
            let drug = String(fields[5])
            if !(drugs[position] ?? []).contains(drug) { drugs[position, default: []].append(drug) }
        }
        let negPath = (directory as NSString).appendingPathComponent("ADE-NEG.txt")
        for line in try Self.lines(of: negPath) {
            let parts = line.text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw ContaminationError.malformedInput(
                    file: negPath, line: line.number, reason: "expected `PMID NEG sentence`")
            }
            _ = add(String(parts[2]))
        }
        self.init(sentences: sentences, drugs: drugs)
    }

    private static func lines(of path: String) throws -> [TextLine] {
        try ContaminationError.reading { try PlainLinesReader().lines(atPath: path) }
    }
}
