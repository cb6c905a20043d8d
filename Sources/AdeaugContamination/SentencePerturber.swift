import AdeaugCore
import Foundation

/// Makes the perturbed copies of `NearDuplicateEvaluationSet`'s positive pairs.
struct SentencePerturber: Sendable {
    /// Plain alphabetic words of the corpus (first-appearance order, so a seed is reproducible).
    private let vocabulary: [String]
    /// One-word drug names of DRUG-AE.rel.
    private let drugNames: [String]
    private let tokenizer = MatchTokenizer()

    init(corpus: AdeCorpusSentences) {
        var seen = Set<String>()
        var vocabulary: [String] = []
        for sentence in corpus.sentences {
            for word in sentence.split(separator: " ") where word.count >= 3 && word.allSatisfy(\.isLetter) {
                let lower = word.lowercased()
                if seen.insert(lower).inserted { vocabulary.append(lower) }
            }
        }
        var drugSeen = Set<String>()
        var drugNames: [String] = []
        for index in corpus.sentences.indices {
            for drug in corpus.drugs[index] ?? [] where drug.allSatisfy(\.isLetter) {
                if drugSeen.insert(drug.lowercased()).inserted { drugNames.append(drug) }
            }
        }
        self.vocabulary = vocabulary
        self.drugNames = drugNames
    }

    /// `sentence` with `wordEdits` word edits and one or two surface changes; returns the text
    /// and a description of what was done.
    func perturb(
        _ sentence: String, drugs: [String], wordEdits: Int, using generator: inout SeededGenerator
    ) -> (String, String) {
        var words = sentence.split(separator: " ").map(String.init)
        var done: [String] = []
        for _ in 0..<wordEdits {
            done.append(editWord(&words, drugs: drugs, using: &generator))
        }
        var text = words.joined(separator: " ")
        let surfaceCount = 1 + generator.nextInt(below: 2)
        for _ in 0..<surfaceCount {
            let (changed, name) = surfaceChange(text, using: &generator)
            text = changed
            done.append(name)
        }
        return (text, done.joined(separator: "+"))
    }

    /// One insertion, deletion or substitution of a whole word (a whitespace-separated word
    /// that is one token, so that the edit counts as exactly one word).
    private func editWord(_ words: inout [String], drugs: [String], using generator: inout SeededGenerator) -> String {
        let single = words.indices.filter { tokenizer.prepare(words[$0]).tokens.count == 1 }
        let operation = generator.nextInt(below: 3)
        if operation == 0 || single.isEmpty || words.count < 3 {
            let position = generator.nextInt(below: words.count + 1)
            words.insert(vocabulary[generator.nextInt(below: vocabulary.count)], at: position)
            return "insert"
        }
        if operation == 1 {
            words.remove(at: single[generator.nextInt(below: single.count)])
            return "delete"
        }
        // Substitution: the drug by another drug when the sentence names a one-word drug.
        let drugPositions = single.filter { position in
            drugs.contains { $0.caseInsensitiveCompare(Self.core(of: words[position])) == .orderedSame }
        }
        if !drugPositions.isEmpty, generator.nextInt(below: 2) == 0 {
            let position = drugPositions[generator.nextInt(below: drugPositions.count)]
            let current = Self.core(of: words[position]).lowercased()
            var replacement = drugNames[generator.nextInt(below: drugNames.count)]
            if replacement.lowercased() == current { replacement = "placebo" }
            words[position] = Self.replacingCore(of: words[position], with: replacement)
            return "drug"
        }
        let position = single[generator.nextInt(below: single.count)]
        words[position] = Self.replacingCore(
            of: words[position], with: vocabulary[generator.nextInt(below: vocabulary.count)])
        return "substitute"
    }

    private func surfaceChange(_ text: String, using generator: inout SeededGenerator) -> (String, String) {
        switch generator.nextInt(below: 4) {
        case 0:
            let mode = generator.nextInt(below: 3)
            let changed = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                switch mode {
                case 0: word.uppercased()
                case 1: word.lowercased()
                default: generator.nextInt(below: 2) == 0 ? word.uppercased() : word.capitalized
                }
            }.joined(separator: " ")
            return (changed, "case")
        case 1:
            var changed = text
            switch generator.nextInt(below: 4) {
            case 0: if changed.hasSuffix(".") { changed.removeLast() } else { changed += "." }
            case 1: changed = changed.replacingOccurrences(of: "-", with: " ")
            case 2:
                for mark in [",", ".", "(", ")", ":", ";"] {
                    changed = changed.replacingOccurrences(of: mark, with: " \(mark) ")
                }
            default: changed = changed.replacingOccurrences(of: ",", with: "")
            }
            return (changed, "punctuation")
        case 2:
            let spaces = ["  ", "\t", " \n ", "   "]
            var changed = text.split(separator: " ", omittingEmptySubsequences: false)
                .map(String.init)
                .reduce(into: "") { result, word in
                    if !result.isEmpty { result += spaces[generator.nextInt(below: spaces.count)] }
                    result += word
                }
            changed = " " + changed + "\n"
            return (changed, "whitespace")
        default:
            switch generator.nextInt(below: 3) {
            case 0:
                // Full-width forms of printable ASCII (U+FF01…U+FF5E), spaces as ideographic spaces.
                let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
                    if scalar.value >= 0x21, scalar.value <= 0x7E { return Unicode.Scalar(scalar.value + 0xFEE0)! }
                    if scalar == " " { return "\u{3000}" }
                    return scalar
                }
                return (String(String.UnicodeScalarView(scalars)), "unicode-fullwidth")
            case 1:
                return (text.decomposedStringWithCanonicalMapping
                    .replacingOccurrences(of: " ", with: "\u{00A0}"), "unicode-nfd")
            default:
                return (text.replacingOccurrences(of: "-", with: "\u{2013}")
                    .replacingOccurrences(of: "'", with: "\u{2019}")
                    .replacingOccurrences(of: "\"", with: "\u{201C}"), "unicode-typographic")
            }
        }
    }

    /// The letters/digits of a word without the punctuation around it.
    private static func core(of word: String) -> String {
        String(word.drop { !$0.isLetter && !$0.isNumber }.reversed().drop { !$0.isLetter && !$0.isNumber }.reversed())
    }

    private static func replacingCore(of word: String, with replacement: String) -> String {
        let prefix = word.prefix { !$0.isLetter && !$0.isNumber }
        let suffix = String(word.reversed().prefix { !$0.isLetter && !$0.isNumber }.reversed())
        return prefix + replacement + suffix
    }
}
