import AdeaugBERT
import Testing
@testable import AdeaugBenchmarks

/// The FLOP counts behind `achieved_gflops`, `executed_gflops` and the speed-up ceiling.
struct BertFLOPsTests {
    static let config = BertConfig(vocabSize: 30, hiddenSize: 8, numHiddenLayers: 1, numAttentionHeads: 2, intermediateSize: 32)

    @Test func denseCountsEveryProductOfALayer() {
        // n tokens: Q, K, V, output (4 h×h), FFN up and down (2 h×i), scores and context (2 n×n×h).
        let n = 5.0, h = 8.0, i = 32.0
        let batch = BertBatch(sequences: [[Int32](repeating: 1, count: 5)])
        #expect(BertFLOPs.denseForward(batch, config: Self.config) == 2 * n * (4 * h * h + 2 * h * i) + 4 * n * n * h)
    }

    @Test func aOneTokenSentenceSavesNothingOnItsLastLayer() {
        // Its only row is the [CLS] row, so the [CLS]-only last layer does the whole layer's work.
        let batch = BertBatch(sequences: [[1], [2]])
        #expect(BertFLOPs.executedForward(batch, config: Self.config) == BertFLOPs.denseForward(batch, config: Self.config))
    }

    @Test func longerSentencesSaveOnlyOnTheLastLayer() {
        var deep = Self.config
        deep.numHiddenLayers = 3
        let batch = BertBatch(sequences: [[Int32](repeating: 1, count: 12), [Int32](repeating: 2, count: 7)])
        let oneLayerSaving = BertFLOPs.denseForward(batch, config: Self.config) - BertFLOPs.executedForward(batch, config: Self.config)
        #expect(oneLayerSaving > 0)
        #expect(BertFLOPs.denseForward(batch, config: deep) - BertFLOPs.executedForward(batch, config: deep) == oneLayerSaving)
    }

    @Test func aBatchDoesTheWorkOfItsSentences() {
        // Inference's executed work is counted over one batch of every test sentence.
        var deep = Self.config
        deep.numHiddenLayers = 3
        let sentences: [[Int32]] = [[1, 4, 2], [1, 5, 6, 7, 8, 2], [1, 2]]
        let apart = sentences.reduce(0.0) { $0 + BertFLOPs.executedForward(BertBatch(sequences: [$1]), config: deep) }
        #expect(BertFLOPs.executedForward(BertBatch(sequences: sentences), config: deep) == apart)
    }

    @Test func theFMAPeakIsMeasured() {
        let one = FMAPeak.gflops(threads: 1, seconds: 0.05)
        // Any x86-64 or ARM core of the last decade does several GFLOP/s; 10 TFLOP/s would be a unit error.
        #expect(one > 1 && one < 10_000)
    }
}
