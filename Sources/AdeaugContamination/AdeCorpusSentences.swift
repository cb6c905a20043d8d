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
        for (number, line) in try Self.lines(of: relPath).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count >= 8 else {
                throw ContaminationError.malformedInput(
                    file: relPath, line: number + 1, reason: "expected 8 '|'-separated fields, found \(fields.count)")
            }
            let position = add(String(fields[1]))
            let drug = String(fields[5])
            if !(drugs[position] ?? []).contains(drug) { drugs[position, default: []].append(drug) }
        }
        let negPath = (directory as NSString).appendingPathComponent("ADE-NEG.txt")
        for (number, line) in try Self.lines(of: negPath).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw ContaminationError.malformedInput(
                    file: negPath, line: number + 1, reason: "expected `PMID NEG sentence`")
            }
            _ = add(String(parts[2]))
        }
        self.init(sentences: sentences, drugs: drugs)
    }

    private static func lines(of path: String) throws -> [Substring] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ContaminationError.unreadable(file: path, reason: "missing or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ContaminationError.malformedInput(file: path, line: 0, reason: "not valid UTF-8")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}
