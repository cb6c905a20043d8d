import Foundation
import AdeaugCore

/// Easy data augmentation (Wei & Zou, 2019) without a thesaurus: random swap, random deletion
/// and random insertion of words, about one edit per ten words.
///
/// Medical sentences carry their meaning in numbers, units and drug names, so those words are
/// never moved, deleted or duplicated: edits touch only the other words. (Synonym replacement
/// needs WordNet, which has no Swift or Debian-packaged form suited here, so it is left out.)
public struct WordLevelAugmenter: Sendable {
    /// Lower-cased drug names (and any other words) that must stay as they are.
    public var protectedWords: Set<String>
    public var editRate: Double

    public static let units: Set<String> = [
        "mg", "g", "kg", "mcg", "µg", "ug", "ng", "ml", "l", "dl", "iu", "u", "units", "mmol", "mol", "meq",
        "mg/kg", "mg/m2", "mg/day", "mg/d", "mg/dl", "mg/l", "µg/ml", "ng/ml", "%", "h", "hr", "hrs", "hours",
        "days", "weeks", "months", "years", "x",
    ]

    public init(protectedWords: Set<String> = [], editRate: Double = 0.1) {
        self.protectedWords = Set(protectedWords.map { $0.lowercased() })
        self.editRate = editRate
    }

    public func isProtected(_ word: Substring) -> Bool {
        let core = word.lowercased().trimmingCharacters(in: .punctuationCharacters)
        if core.isEmpty { return true }  // punctuation tokens stay where they are
        if core.contains(where: \.isNumber) { return true }
        return Self.units.contains(core) || protectedWords.contains(core)
    }

    public func augment(_ text: String, using generator: inout SeededGenerator) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true)
        let editable = words.indices.filter { !isProtected(words[$0]) }
        guard editable.count >= 2 else { return text }
        let edits = max(1, Int((Double(words.count) * editRate).rounded()))
        var editableNow = editable
        for _ in 0..<edits {
            switch generator.nextInt(below: 3) {
            case 0:  // swap two editable words
                let a = editableNow[generator.nextInt(below: editableNow.count)]
                let b = editableNow[generator.nextInt(below: editableNow.count)]
                words.swapAt(a, b)
            case 1:  // delete an editable word (never the last one left)
                guard editableNow.count > 2 else { continue }
                let position = generator.nextInt(below: editableNow.count)
                words.remove(at: editableNow[position])
                editableNow = words.indices.filter { !isProtected(words[$0]) }
            default:  // insert a copy of an editable word next to another editable word
                let word = words[editableNow[generator.nextInt(below: editableNow.count)]]
                let at = editableNow[generator.nextInt(below: editableNow.count)]
                words.insert(word, at: at)
                editableNow = words.indices.filter { !isProtected(words[$0]) }
            }
        }
        return words.joined(separator: " ")
    }
}
