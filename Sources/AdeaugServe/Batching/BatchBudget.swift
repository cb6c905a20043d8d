/// How much one forward pass may hold: sentences, and padded tokens (sentences × the longest
/// one's length, what a padded batch computes over).
struct BatchBudget: Sendable, Equatable {
    var maxSentences: Int
    var maxTokens: Int

    /// How many of the waiting requests, oldest first, fit in one pass. Whole requests only; the
    /// first always goes, even alone over the budget (the predictor splits it by sentences).
    func admitted(_ requests: [[[Int32]]]) -> Int {
        var sentences = 0
        var longest = 0
        for (index, request) in requests.enumerated() {
            let nextSentences = sentences + request.count
            let nextLongest = max(longest, request.map(\.count).max() ?? 0)
            if index > 0 && (nextSentences > maxSentences || nextSentences * nextLongest > maxTokens) { return index }
            sentences = nextSentences
            longest = nextLongest
        }
        return requests.count
    }

    /// Whether the waiting requests already fill a pass, so waiting for more would gain nothing.
    func isFull(_ requests: [[[Int32]]]) -> Bool {
        let sentences = requests.reduce(0) { $0 + $1.count }
        let longest = requests.lazy.flatMap { $0 }.map(\.count).max() ?? 0
        return sentences >= maxSentences || sentences * longest >= maxTokens || admitted(requests) < requests.count
    }
}
