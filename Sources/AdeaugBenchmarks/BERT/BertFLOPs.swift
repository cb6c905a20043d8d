import AdeaugBERT

/// Floating-point work of the matrix products in a pass, counting a multiply-add as two. Backward
/// is counted as twice the forward, so a training step is three forwards.
enum BertFLOPs {
    /// Every layer over every token: the work PyTorch's `BertForSequenceClassification` does on
    /// the same tokens, so rates in it compare across implementations.
    static func denseForward(_ batch: BertBatch, config: BertConfig) -> Double {
        Double(config.numHiddenLayers) * layer(batch, config: config)
    }

    /// What adeaug computes: the last layer on [CLS] rows only after its keys and values
    /// (`AttentionCLS`), the rest as `denseForward`.
    static func executedForward(_ batch: BertBatch, config: BertConfig) -> Double {
        guard config.numHiddenLayers > 0 else { return 0 }
        let h = Double(config.hiddenSize), i = Double(config.intermediateSize)
        let t = Double(batch.tokenCount), b = Double(batch.count)
        var last = 2 * t * 2 * h * h  // keys and values of every token
        last += 2 * b * (2 * h * h + 2 * h * i)  // query, output projection and FFN of [CLS] rows
        for n in batch.lengths { last += 4 * Double(n) * h }  // one query row's scores and context
        return Double(config.numHiddenLayers - 1) * layer(batch, config: config) + last
    }

    /// What gradient checkpointing adds to a training step: the layers below the last run again.
    static func recomputedForward(_ batch: BertBatch, config: BertConfig) -> Double {
        Double(max(config.numHiddenLayers - 1, 0)) * layer(batch, config: config)
    }

    private static func layer(_ batch: BertBatch, config: BertConfig) -> Double {
        let h = Double(config.hiddenSize), i = Double(config.intermediateSize)
        var flops = 2 * Double(batch.tokenCount) * (4 * h * h + 2 * h * i)
        for n in batch.lengths { flops += 4 * Double(n * n) * h }
        return flops
    }
}
