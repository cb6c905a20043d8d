/// The word split every quality measure uses: lower-cased runs of letters, digits and hyphens,
/// so that "Rash," and "rash" are one word and punctuation is no n-gram of its own.
enum QualityText {
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" {
                word.append(character)
            } else if !word.isEmpty {
                result.append(word)
                word = ""
            }
        }
        if !word.isEmpty { result.append(word) }
        return result
    }
}
