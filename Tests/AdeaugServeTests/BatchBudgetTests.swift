import Testing

@testable import AdeaugServe

@Suite struct BatchBudgetTests {
    static func requests(_ lengths: [[Int]]) -> [[[Int32]]] {
        lengths.map { $0.map { [Int32](repeating: 0, count: $0) } }
    }

    @Test func sentencesAndPaddedTokensBothBound() {
        let budget = BatchBudget(maxSentences: 4, maxTokens: 100)
        // Sentence bound: the fifth single sentence does not fit.
        #expect(budget.admitted(Self.requests([[10], [10], [10], [10], [10]])) == 4)
        // Token bound: 3 sentences padded to 40 tokens is 120 > 100.
        #expect(budget.admitted(Self.requests([[10], [40], [5]])) == 2)
        // A first request over the budget still goes, alone.
        #expect(budget.admitted(Self.requests([[60, 60], [1]])) == 1)
        #expect(budget.admitted([]) == 0)
    }

    @Test func fullWhenNothingMoreCouldJoin() {
        let budget = BatchBudget(maxSentences: 4, maxTokens: 100)
        #expect(!budget.isFull(Self.requests([[10], [10]])))
        #expect(budget.isFull(Self.requests([[10], [10], [10], [10]])))
        #expect(budget.isFull(Self.requests([[50], [50]])))
        #expect(budget.isFull(Self.requests([[10], [60]])))
    }
}
