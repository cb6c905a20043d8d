extension Verdict {
    /// Sets the verdict to a rejection by a near-duplicate, with the sentence and scores as evidence.
    mutating func record(_ reason: VerdictReason, match: NearDuplicateMatch, sentence: InputSentence) {
        verdict = reason
        matchedID = sentence.id
        matchedText = sentence.text
        score = match.similarity
        editDistance = match.editDistance
        exact = match.exact
    }
}
