/// Where each tensor of a `BertForSequenceClassification` lives in the one flat parameter
/// buffer (and, at the same offsets, in the gradient and optimizer-moment buffers).
///
/// Names mirror Hugging Face's state dict (`bert.encoder.layer.0.attention.self.query.weight`)
/// so loading and exporting are a direct mapping. One deliberate difference from Hugging Face's
/// memory order: each layer's query, key and value weights sit next to each other, forming a
/// single `[3H, H]` matrix, so the three projections are one GEMM.
public struct ParameterLayout: Sendable {
    public struct Tensor: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var offset: Int
        public var count: Int { shape.reduce(1, *) }
        /// AdamW's weight decay applies to matrices and embeddings, not biases or LayerNorm.
        public var decays: Bool { !(name.hasSuffix(".bias") || name.contains("LayerNorm")) }
    }

    /// Offsets of one encoder layer's tensors.
    public struct Layer: Sendable {
        public var qkvWeight: Int  // [3H, H]: query, key, value rows
        public var qkvBias: Int  // [3H]
        public var attentionOutputWeight: Int  // [H, H]
        public var attentionOutputBias: Int
        public var attentionLayerNormWeight: Int
        public var attentionLayerNormBias: Int
        public var intermediateWeight: Int  // [I, H]
        public var intermediateBias: Int  // [I]
        public var outputWeight: Int  // [H, I]
        public var outputBias: Int
        public var outputLayerNormWeight: Int
        public var outputLayerNormBias: Int
    }

    public let config: BertConfig
    public let numLabels: Int
    /// In Hugging Face state-dict order.
    public let tensors: [Tensor]
    public let count: Int

    public let wordEmbeddings: Int
    public let positionEmbeddings: Int
    public let tokenTypeEmbeddings: Int
    public let embeddingsLayerNormWeight: Int
    public let embeddingsLayerNormBias: Int
    public let layers: [Layer]
    public let poolerWeight: Int
    public let poolerBias: Int
    public let classifierWeight: Int
    public let classifierBias: Int

    public init(config: BertConfig, numLabels: Int = 2) {
        self.config = config
        self.numLabels = numLabels
        let h = config.hiddenSize, i = config.intermediateSize
        // A local cursor, not a nested function capturing a `var` (see ActivationPlan).
        var cursor = ActivationPlan.Cursor()
        func take(_ size: Int) -> Int { cursor.take(size) }
        var tensors: [Tensor] = []
        func add(_ name: String, _ shape: [Int], _ offset: Int) {
            tensors.append(Tensor(name: name, shape: shape, offset: offset))
        }
        wordEmbeddings = take(config.vocabSize * h)
        positionEmbeddings = take(config.maxPositionEmbeddings * h)
        tokenTypeEmbeddings = take(config.typeVocabSize * h)
        embeddingsLayerNormWeight = take(h)
        embeddingsLayerNormBias = take(h)
        add("bert.embeddings.word_embeddings.weight", [config.vocabSize, h], wordEmbeddings)
        add("bert.embeddings.position_embeddings.weight", [config.maxPositionEmbeddings, h], positionEmbeddings)
        add("bert.embeddings.token_type_embeddings.weight", [config.typeVocabSize, h], tokenTypeEmbeddings)
        add("bert.embeddings.LayerNorm.weight", [h], embeddingsLayerNormWeight)
        add("bert.embeddings.LayerNorm.bias", [h], embeddingsLayerNormBias)
        var layers: [Layer] = []
        for l in 0..<config.numHiddenLayers {
            let layer = Layer(
                qkvWeight: take(3 * h * h), qkvBias: take(3 * h),
                attentionOutputWeight: take(h * h), attentionOutputBias: take(h),
                attentionLayerNormWeight: take(h), attentionLayerNormBias: take(h),
                intermediateWeight: take(i * h), intermediateBias: take(i),
                outputWeight: take(h * i), outputBias: take(h),
                outputLayerNormWeight: take(h), outputLayerNormBias: take(h))
            let p = "bert.encoder.layer.\(l)."
            for (index, part) in ["query", "key", "value"].enumerated() {
                add(p + "attention.self.\(part).weight", [h, h], layer.qkvWeight + index * h * h)
                add(p + "attention.self.\(part).bias", [h], layer.qkvBias + index * h)
            }
            add(p + "attention.output.dense.weight", [h, h], layer.attentionOutputWeight)
            add(p + "attention.output.dense.bias", [h], layer.attentionOutputBias)
            add(p + "attention.output.LayerNorm.weight", [h], layer.attentionLayerNormWeight)
            add(p + "attention.output.LayerNorm.bias", [h], layer.attentionLayerNormBias)
            add(p + "intermediate.dense.weight", [i, h], layer.intermediateWeight)
            add(p + "intermediate.dense.bias", [i], layer.intermediateBias)
            add(p + "output.dense.weight", [h, i], layer.outputWeight)
            add(p + "output.dense.bias", [h], layer.outputBias)
            add(p + "output.LayerNorm.weight", [h], layer.outputLayerNormWeight)
            add(p + "output.LayerNorm.bias", [h], layer.outputLayerNormBias)
            layers.append(layer)
        }
        self.layers = layers
        poolerWeight = take(h * h)
        poolerBias = take(h)
        classifierWeight = take(numLabels * h)
        classifierBias = take(numLabels)
        add("bert.pooler.dense.weight", [h, h], poolerWeight)
        add("bert.pooler.dense.bias", [h], poolerBias)
        add("classifier.weight", [numLabels, h], classifierWeight)
        add("classifier.bias", [numLabels], classifierBias)
        self.tensors = tensors
        count = cursor.next
    }

    public func tensor(named name: String) -> Tensor? {
        tensors.first { $0.name == name }
    }

    /// The head (pooler and classifier) occupies the end of the buffer: `headStart..<count`.
    public var headStart: Int { poolerWeight }
}
