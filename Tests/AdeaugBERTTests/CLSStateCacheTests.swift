@testable import AdeaugBERT
import Testing

/// Frozen-encoder runs that share a `CLSStateCache` run the encoder once per sentence and
/// give what uncached runs give.
@Suite struct CLSStateCacheTests {
    @Test func cachedFrozenRunsMatchUncachedOnes() {
        var options = BertTrainerTests.options
        options.freezeEncoder = true
        let texts = BertTrainerTests.examples.map(\.text)

        let plain = BertTrainer(network: FiniteDifferenceTests.randomNetwork(), tokenizer: BertTrainerTests.tokenizer, options: options, threads: 2)
        _ = plain.train(BertTrainerTests.examples)
        let expected = plain.frozenProbabilities(texts)

        let cache = CLSStateCache()
        let cached = BertTrainer(network: FiniteDifferenceTests.randomNetwork(), tokenizer: BertTrainerTests.tokenizer, options: options, threads: 2)
        cached.clsCache = cache
        _ = cached.train(BertTrainerTests.examples)
        let distinct = Set(texts.map { BertTrainerTests.tokenizer.encode($0, maxLength: options.maxLength) }).count
        #expect(cache.count == distinct)
        // Equal up to float rounding: batches are grouped differently when some states are cached.
        let probabilities = cached.frozenProbabilities(texts)
        #expect(zip(probabilities, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(cache.count == distinct)  // predicting the same sentences added nothing
    }
}
