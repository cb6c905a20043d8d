import AdeaugCore
import Foundation

/// `BertForSequenceClassification` on one contiguous parameter buffer: forward and backward
/// passes, readable top to bottom, every layer calling a `forward`/`backward` pair.
///
/// One instance is one model being trained or run; it owns its parameters, gradients and
/// activations (allocated once and grown when a longer batch arrives) and is not thread-safe.
public final class BertNetwork {
    public let config: BertConfig
    public let layout: ParameterLayout
    let parameters: FloatBuffer
    private(set) lazy var gradients = FloatBuffer(count: layout.count)
    private let activations = FloatBuffer(count: 0)
    private let masks = ByteBuffer(count: 0)
    /// Head activations, [B, H] each: [CLS] hidden state, pooled, pooled after dropout; logits [B, labels].
    private let head = FloatBuffer(count: 0)
    private var headBatch = 0

    private var plan: ActivationPlan?
    private var batch: BertBatch?
    private var dropoutOn = false
    private var dropoutGenerator: SeededGenerator
    /// Keep only each layer's output in training and recompute the rest in backward (Hugging
    /// Face's `gradient_checkpointing`): the same gradients, bit for bit, in less memory. Set by
    /// `DataParallelBert` for all its replicas, from `TrainingSettings.gradientCheckpointing`.
    var gradientCheckpointing = false
    /// Word-embedding rows given a gradient by the last backward pass, zeroed before the next.
    private var touchedRows: [Int32] = []
    /// Set when the checkpoint was loaded with its word embeddings on demand (a model that only
    /// predicts, through `BertPredictor`); nil: the table is whole.
    var wordEmbeddingsOnDemand: WordEmbeddingsOnDemand?

    /// A network with all-zero parameters; fill them with `BertCheckpoint.load` or `initializeHead`.
    public init(config: BertConfig, numLabels: Int = 2, dropoutSeed: UInt64 = 0) {
        self.config = config
        layout = ParameterLayout(config: config, numLabels: numLabels)
        parameters = FloatBuffer(count: layout.count)
        dropoutGenerator = SeededGenerator(seed: dropoutSeed)
    }

    /// A replica for data parallelism: the same parameter buffer (not a copy), its own
    /// gradients, activations and dropout stream.
    init(sharingParametersWith other: BertNetwork, dropoutSeed: UInt64) {
        config = other.config
        layout = other.layout
        parameters = other.parameters
        dropoutGenerator = SeededGenerator(seed: dropoutSeed)
    }

    /// Copies in the word-embedding rows `sequences` use, for a network loaded with them on
    /// demand (nothing otherwise). Call before a forward pass, from the thread that runs it.
    func fillWordEmbeddings(for sequences: [[Int32]]) {
        wordEmbeddingsOnDemand?.fill(sequences, into: parameters[layout.wordEmbeddings])
    }

    /// Word-embedding rows the last backward pass wrote (data-parallel gradient summing).
    var rowsTouchedByLastBackward: [Int32] { touchedRows }

    /// After another replica's gradient rows were added here, they too must be zeroed next time.
    func noteTouchedRows(_ rows: [Int32]) { touchedRows += rows }

    public var numLabels: Int { layout.numLabels }
    public var parameterCount: Int { layout.count }

    public func reseedDropout(_ seed: UInt64) { dropoutGenerator = SeededGenerator(seed: seed) }

    // MARK: Parameter access (tests, export, optimizer)

    public func parameterValues(_ name: String) -> [Float]? {
        layout.tensor(named: name).map { Array(UnsafeBufferPointer(start: parameters[$0.offset], count: $0.count)) }
    }

    public func gradientValues(_ name: String) -> [Float]? {
        layout.tensor(named: name).map { Array(UnsafeBufferPointer(start: gradients[$0.offset], count: $0.count)) }
    }

    public func setParameter(_ name: String, _ values: [Float]) {
        guard let tensor = layout.tensor(named: name) else { preconditionFailure("no tensor \(name)") }
        precondition(values.count == tensor.count, "\(name): \(values.count) values for \(tensor.count)")
        values.withUnsafeBufferPointer { parameters[tensor.offset].update(from: $0.baseAddress!, count: tensor.count) }
    }

    /// Copies all parameters from another network of the same shape (best-checkpoint keeping).
    func copyParameters(from other: BertNetwork) {
        precondition(other.layout.count == layout.count)
        parameters.pointer.update(from: other.parameters.pointer, count: layout.count)
    }

    /// Hugging Face's initialisation of a new classifier: normal(0, initializer_range)
    /// weights, zero biases.
    public func initializeClassifier(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let w = parameters[layout.classifierWeight]
        let range = config.initializerRange
        for i in 0..<(layout.numLabels * config.hiddenSize) { w[i] = range * Self.normal(&generator) }
        parameters[layout.classifierBias].update(repeating: 0, count: layout.numLabels)
    }

    /// The same initialisation for a pooler the checkpoint lacks (masked-LM heads), from its
    /// own stream so the classifier's values do not depend on whether the pooler was loaded.
    public func initializePooler(seed: UInt64) {
        var generator = SeededGenerator(seed: seed ^ 0x706F_6F6C_6572)  // "pooler"
        let w = parameters[layout.poolerWeight]
        let range = config.initializerRange
        for i in 0..<(config.hiddenSize * config.hiddenSize) { w[i] = range * Self.normal(&generator) }
        parameters[layout.poolerBias].update(repeating: 0, count: config.hiddenSize)
    }

    static func normal(_ generator: inout SeededGenerator) -> Float {
        // Box–Muller; the 1 - u keeps the logarithm finite.
        let u = 1 - generator.nextUnit(), v = generator.nextUnit()
        return Float((-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v))
    }

    // MARK: Forward

    /// Runs the encoder and the head. `dropout` switches training-mode dropout on; the
    /// activations are kept for `backward` either way, unless `forBackward` is false
    /// (prediction: the layers share one set of buffers, an eighth of the memory, and `backward`
    /// cannot follow). Returns logits, [B, labels] row-major.
    @discardableResult
    public func forward(_ batch: BertBatch, dropout: Bool, forBackward: Bool = true) -> [Float] {
        forwardEncoder(batch, dropout: dropout, forBackward: forBackward)
        return forwardHead(dropout: dropout)
    }

    /// Embeddings and encoder layers; leaves each sequence's last-layer [CLS] state in the head.
    public func forwardEncoder(_ batch: BertBatch, dropout: Bool, forBackward: Bool = true) {
        precondition(forBackward || !dropout, "dropout is for training, which needs the activations kept for backward")
        // Past the table, position rows would be read from the next tensor: callers check
        // --max-length with `BertConfig.checkMaxLength`; this stops any that did not.
        precondition(batch.maxLength <= config.maxPositionEmbeddings, "a sequence of \(batch.maxLength) tokens exceeds max_position_embeddings \(config.maxPositionEmbeddings)")
        precondition(batch.tokenIDs.allSatisfy { $0 >= 0 && Int($0) < config.vocabSize }, "a token id outside vocab_size \(config.vocabSize)")
        let plan = ActivationPlan(batch: batch, config: config, forBackward: forBackward, gradientCheckpointing: gradientCheckpointing)
        activations.reserve(plan.floats)
        masks.reserve(plan.bytes)
        self.plan = plan
        self.batch = batch
        dropoutOn = dropout
        let t = batch.tokenCount, h = config.hiddenSize
        let p = parameters.pointer, a = activations.pointer
        let pHidden = config.hiddenDropoutProb

        // embeddings: word + position + token type 0, LayerNorm, dropout  → [T, H]
        batch.tokenIDs.withUnsafeBufferPointer { ids in
            for b in 0..<batch.count {
                for position in 0..<batch.lengths[b] {
                    let token = batch.starts[b] + position
                    let out = a + plan.embeddingsSum + token * h
                    let word = p + layout.wordEmbeddings + Int(ids[token]) * h
                    let pos = p + layout.positionEmbeddings + position * h
                    let type = p + layout.tokenTypeEmbeddings
                    for c in 0..<h { out[c] = word[c] + pos[c] + type[c] }
                }
            }
        }
        LayerNorm.forward(
            a + plan.embeddingsOut, mean: a + plan.embeddingsMean, rstd: a + plan.embeddingsRstd, a + plan.embeddingsSum,
            weight: p + layout.embeddingsLayerNormWeight, bias: p + layout.embeddingsLayerNormBias,
            rows: t, channels: h, eps: config.layerNormEps)
        if dropout {
            Dropout.fillMask(masks[plan.embeddingsMask], count: t * h, probability: pHidden, generator: &dropoutGenerator)
            Dropout.apply(a + plan.embeddingsOut, a + plan.embeddingsOut, mask: masks[plan.embeddingsMask], count: t * h, probability: pHidden)
        }

        var input = UnsafePointer(a + plan.embeddingsOut)
        for l in layout.layers.indices {
            input = forwardLayer(l, input: input, plan: plan, batch: batch, dropout: dropout, freshMasks: true)
        }
        prepareHead(count: batch.count)
        for b in 0..<batch.count {
            // After the last layer the rows are already one per sequence; with no layers, gather.
            let row = layout.layers.isEmpty ? batch.starts[b] : b
            head[0 + b * h].update(from: input + row * h, count: h)
        }
    }

    /// One encoder layer from `input` into the plan's regions for layer `l`; returns its output.
    /// `freshMasks: false` reuses the dropout masks drawn by the first pass over this batch, to
    /// recompute the layer's activations bit for bit (gradient checkpointing).
    @discardableResult
    private func forwardLayer(
        _ l: Int, input: UnsafePointer<Float>, plan: ActivationPlan, batch: BertBatch, dropout: Bool, freshMasks: Bool
    ) -> UnsafePointer<Float> {
        let w = layout.layers[l], s = plan.layers[l]
        let t = batch.tokenCount, h = config.hiddenSize, inter = config.intermediateSize
        let p = parameters.pointer, a = activations.pointer
        let pHidden = config.hiddenDropoutProb, pAttention = config.attentionProbsDropoutProb
        let shape = Attention.Shape(heads: config.numAttentionHeads, headSize: config.headSize)
        let draw = dropout && freshMasks
        // The last layer works on [CLS] rows only (AttentionCLS): rows = B there, T elsewhere.
        let last = l == layout.layers.count - 1
        let rows = last ? batch.count : t
        var residual = input
        // self-attention: x [T, H] → qkv [T, 3H] → ctx [rows, H]
        if last {
            for b in 0..<batch.count { (a + plan.clsInput + b * h).update(from: input + batch.starts[b] * h, count: h) }
            LastLayerProjection.forward(
                qkv: a + s.qkv, input: input, cls: a + plan.clsInput, clsQuery: a + s.ctx, weight: p + w.qkvWeight,
                bias: p + w.qkvBias, starts: batch.starts, tokens: t, hidden: h)
        } else {
            Linear.forward(a + s.qkv, input, weight: p + w.qkvWeight, bias: p + w.qkvBias, rows: t, inFeatures: h, outFeatures: 3 * h)
        }
        if last {
            if draw {
                Dropout.fillMask(masks[s.probsMask], count: shape.heads * t, probability: pAttention, generator: &dropoutGenerator)
            }
            AttentionCLS.forward(
                ctx: a + s.ctx, probs: a + s.probs, qkv: a + s.qkv, batch: batch,
                probOffsets: AttentionCLS.probOffsets(batch, heads: shape.heads), shape: shape,
                dropoutMask: dropout ? UnsafePointer(masks[s.probsMask]) : nil, dropout: pAttention)
            residual = UnsafePointer(a + plan.clsInput)
        } else {
            if draw {
                Dropout.fillMask(masks[s.probsMask], count: plan.probsPerLayer, probability: pAttention, generator: &dropoutGenerator)
            }
            Attention.forward(
                ctx: a + s.ctx, qkv: a + s.qkv, batch: batch, probOffsets: plan.probOffsets,
                shape: shape, dropoutMask: dropout ? UnsafePointer(masks[s.probsMask]) : nil, dropout: pAttention,
                scratchProbs: a + plan.square3, scratch: a + plan.square1)
        }
        // attention output: dense, dropout, + residual, LayerNorm  → [rows, H]
        Linear.forward(a + s.ln1In, a + s.ctx, weight: p + w.attentionOutputWeight, bias: p + w.attentionOutputBias, rows: rows, inFeatures: h, outFeatures: h)
        if dropout {
            if draw { Dropout.fillMask(masks[s.attentionMask], count: rows * h, probability: pHidden, generator: &dropoutGenerator) }
            Dropout.apply(a + s.ln1In, a + s.ln1In, mask: masks[s.attentionMask], count: rows * h, probability: pHidden)
        }
        Self.add(a + s.ln1In, residual, count: rows * h)
        LayerNorm.forward(
            a + s.ln1Out, mean: a + s.ln1Mean, rstd: a + s.ln1Rstd, a + s.ln1In,
            weight: p + w.attentionLayerNormWeight, bias: p + w.attentionLayerNormBias, rows: rows, channels: h, eps: config.layerNormEps)
        // feed-forward: dense [rows, I], GELU, dense [rows, H], dropout, + residual, LayerNorm
        Linear.forward(a + s.ffnPre, a + s.ln1Out, weight: p + w.intermediateWeight, bias: p + w.intermediateBias, rows: rows, inFeatures: h, outFeatures: inter)
        GELU.forward(a + plan.gelu, a + s.ffnPre, count: rows * inter)
        Linear.forward(a + s.ln2In, a + plan.gelu, weight: p + w.outputWeight, bias: p + w.outputBias, rows: rows, inFeatures: inter, outFeatures: h)
        if dropout {
            if draw { Dropout.fillMask(masks[s.ffnMask], count: rows * h, probability: pHidden, generator: &dropoutGenerator) }
            Dropout.apply(a + s.ln2In, a + s.ln2In, mask: masks[s.ffnMask], count: rows * h, probability: pHidden)
        }
        Self.add(a + s.ln2In, a + s.ln1Out, count: rows * h)
        LayerNorm.forward(
            a + s.ln2Out, mean: a + s.ln2Mean, rstd: a + s.ln2Rstd, a + s.ln2In,
            weight: p + w.outputLayerNormWeight, bias: p + w.outputLayerNormBias, rows: rows, channels: h, eps: config.layerNormEps)
        return UnsafePointer(a + s.ln2Out)
    }

    private func prepareHead(count: Int) {
        headBatch = count
        let h = config.hiddenSize
        head.reserve(count * (3 * h + layout.numLabels) + count * h)
    }

    // Head buffer regions, each [B, H] except logits [B, labels] and dCLS [B, H].
    private var headCLS: Int { 0 }
    private var headPooled: Int { headBatch * config.hiddenSize }
    private var headPooledDropped: Int { 2 * headBatch * config.hiddenSize }
    private var headLogits: Int { 3 * headBatch * config.hiddenSize }
    private var headDCLS: Int { 3 * headBatch * config.hiddenSize + headBatch * layout.numLabels }
    private var pooledMask: [UInt8] = []

    /// The last-layer [CLS] states of the current batch, [B, H] (also what the frozen-encoder
    /// mode caches).
    public var clsHidden: [Float] { Array(UnsafeBufferPointer(start: head[headCLS], count: headBatch * config.hiddenSize)) }
    public var pooled: [Float] { Array(UnsafeBufferPointer(start: head[headPooled], count: headBatch * config.hiddenSize)) }

    /// Sets the [CLS] states directly, to train or run the head alone on cached states.
    public func setCLSHidden(_ values: [Float], count: Int) {
        precondition(values.count == count * config.hiddenSize)
        prepareHead(count: count)
        batch = nil
        values.withUnsafeBufferPointer { head[headCLS].update(from: $0.baseAddress!, count: $0.count) }
    }

    /// Pooler (dense + tanh on [CLS]), dropout, classifier. Returns logits [B, labels].
    @discardableResult
    public func forwardHead(dropout: Bool) -> [Float] {
        let h = config.hiddenSize, bsz = headBatch, c = layout.numLabels, p = parameters.pointer
        dropoutOn = dropout
        Linear.forward(head[headPooled], head[headCLS], weight: p + layout.poolerWeight, bias: p + layout.poolerBias, rows: bsz, inFeatures: h, outFeatures: h)
        let pooled = head[headPooled]
        for i in 0..<(bsz * h) { pooled[i] = Foundation.tanh(pooled[i]) }
        head[headPooledDropped].update(from: pooled, count: bsz * h)
        if dropout {
            pooledMask = [UInt8](repeating: 0, count: bsz * h)
            pooledMask.withUnsafeMutableBufferPointer {
                Dropout.fillMask($0.baseAddress!, count: bsz * h, probability: config.hiddenDropoutProb, generator: &dropoutGenerator)
                Dropout.apply(head[headPooledDropped], pooled, mask: $0.baseAddress!, count: bsz * h, probability: config.hiddenDropoutProb)
            }
        }
        Linear.forward(head[headLogits], head[headPooledDropped], weight: p + layout.classifierWeight, bias: p + layout.classifierBias, rows: bsz, inFeatures: h, outFeatures: c)
        return Array(UnsafeBufferPointer(start: head[headLogits], count: bsz * c))
    }

    // MARK: Backward

    /// Mean (or class-weighted mean) cross-entropy of the last forward pass against `labels`;
    /// fills the head's gradients and dCLS. Returns the loss.
    @discardableResult
    public func backwardHead(labels: [Int], classWeights: [Float]? = nil, lossNormalizer: Double? = nil) -> Float {
        let h = config.hiddenSize, bsz = headBatch, c = layout.numLabels, p = parameters.pointer, g = gradients.pointer
        precondition(labels.count == bsz, "labels for \(labels.count) sequences, batch has \(bsz)")
        var dlogits = [Float](repeating: 0, count: bsz * c)
        let loss = CrossEntropy.forwardBackward(
            logits: UnsafePointer(head[headLogits]), labels: labels, classWeights: classWeights, numLabels: c, dlogits: &dlogits,
            normalizer: lossNormalizer)
        var dPooled = [Float](repeating: 0, count: bsz * h)
        dlogits.withUnsafeBufferPointer { dl in
            dPooled.withUnsafeMutableBufferPointer { dp in
                let dpool = dp.baseAddress!
                Linear.backward(
                    dx: dpool, accumulate: false, dWeight: g + layout.classifierWeight, dBias: g + layout.classifierBias,
                    dy: dl.baseAddress!, x: head[headPooledDropped], weight: p + layout.classifierWeight, rows: bsz, inFeatures: h, outFeatures: c)
                if dropoutOn {
                    pooledMask.withUnsafeBufferPointer {
                        Dropout.apply(dpool, dpool, mask: $0.baseAddress!, count: bsz * h, probability: config.hiddenDropoutProb)
                    }
                }
                let pooled = head[headPooled]
                for i in 0..<(bsz * h) { dpool[i] *= 1 - pooled[i] * pooled[i] }
                Linear.backward(
                    dx: head[headDCLS], accumulate: false, dWeight: g + layout.poolerWeight, dBias: g + layout.poolerBias,
                    dy: dpool, x: head[headCLS], weight: p + layout.poolerWeight, rows: bsz, inFeatures: h, outFeatures: h)
            }
        }
        return loss
    }

    /// Forward must have run with this batch; computes every parameter's gradient.
    @discardableResult
    public func backward(labels: [Int], classWeights: [Float]? = nil, lossNormalizer: Double? = nil) -> Float {
        guard let plan, let batch else { preconditionFailure("backward without a forward pass") }
        precondition(plan.forBackward, "backward after a forward pass that kept no activations (forBackward: false)")
        let loss = backwardHead(labels: labels, classWeights: classWeights, lossNormalizer: lossNormalizer)
        let t = batch.tokenCount, h = config.hiddenSize, inter = config.intermediateSize
        let p = parameters.pointer, g = gradients.pointer, a = activations.pointer
        let pHidden = config.hiddenDropoutProb, pAttention = config.attentionProbsDropoutProb
        let shape = Attention.Shape(heads: config.numAttentionHeads, headSize: config.headSize)
        let dropout = dropoutOn

        // gradient of the last layer's output: one [CLS] row per sequence
        let d0 = a + plan.d0, s1 = a + plan.s1, s2 = a + plan.s2, big = a + plan.big, dqkv = a + plan.dqkv
        if layout.layers.isEmpty {
            d0.update(repeating: 0, count: t * h)
            for b in 0..<batch.count { (d0 + batch.starts[b] * h).update(from: head[headDCLS] + b * h, count: h) }
        } else {
            d0.update(from: head[headDCLS], count: batch.count * h)
        }

        let lastLayer = layout.layers.count - 1
        for l in stride(from: lastLayer, through: 0, by: -1) {
            let w = layout.layers[l], s = plan.layers[l]
            let last = l == lastLayer
            let rows = last ? batch.count : t
            let input = l == 0 ? a + plan.embeddingsOut : a + plan.layers[l - 1].ln2Out
            if plan.recomputes && !last {
                forwardLayer(l, input: input, plan: plan, batch: batch, dropout: dropout, freshMasks: false)
            }
            // output LayerNorm ← d0; s1 = d(FFN output + residual)
            LayerNorm.backward(
                dinp: s1, dweight: g + w.outputLayerNormWeight, dbias: g + w.outputLayerNormBias, dout: d0,
                inp: a + s.ln2In, weight: p + w.outputLayerNormWeight, mean: a + s.ln2Mean, rstd: a + s.ln2Rstd, rows: rows, channels: h)
            var dFFN = UnsafePointer(s1)
            if dropout {
                Dropout.apply(s2, s1, mask: masks[s.ffnMask], count: rows * h, probability: pHidden)
                dFFN = UnsafePointer(s2)
            }
            // output dense and GELU → big = d(intermediate pre-activation); GELU's output is
            // recomputed here rather than kept per layer (a quarter of the activation memory),
            // in the same pass that turns the pre-activation (not needed after this) into GELU's derivative
            GELU.forwardAndDerivative(a + plan.gelu, a + s.ffnPre, count: rows * inter)
            Linear.backward(
                dx: big, accumulate: false, dWeight: g + w.outputWeight, dBias: g + w.outputBias, dy: dFFN,
                x: a + plan.gelu, weight: p + w.outputWeight, rows: rows, inFeatures: inter, outFeatures: h)
            GELU.scale(big, by: a + s.ffnPre, count: rows * inter)
            // intermediate dense; its input gradient joins the residual gradient already in s1
            Linear.backward(
                dx: s1, accumulate: true, dWeight: g + w.intermediateWeight, dBias: g + w.intermediateBias, dy: big,
                x: a + s.ln1Out, weight: p + w.intermediateWeight, rows: rows, inFeatures: h, outFeatures: inter)
            // attention LayerNorm ← s1; d0 = d(attention output + residual)
            LayerNorm.backward(
                dinp: d0, dweight: g + w.attentionLayerNormWeight, dbias: g + w.attentionLayerNormBias, dout: s1,
                inp: a + s.ln1In, weight: p + w.attentionLayerNormWeight, mean: a + s.ln1Mean, rstd: a + s.ln1Rstd, rows: rows, channels: h)
            var dAttentionOut = UnsafePointer(d0)
            if dropout {
                Dropout.apply(s2, d0, mask: masks[s.attentionMask], count: rows * h, probability: pHidden)
                dAttentionOut = UnsafePointer(s2)
            }
            Linear.backward(
                dx: s1, accumulate: false, dWeight: g + w.attentionOutputWeight, dBias: g + w.attentionOutputBias, dy: dAttentionOut,
                x: a + s.ctx, weight: p + w.attentionOutputWeight, rows: rows, inFeatures: h, outFeatures: h)
            if last {
                AttentionCLS.backward(
                    dqkv: dqkv, dctx: s1, qkv: a + s.qkv, probs: a + s.probs, batch: batch,
                    probOffsets: AttentionCLS.probOffsets(batch, heads: shape.heads), shape: shape,
                    dropoutMask: dropout ? UnsafePointer(masks[s.probsMask]) : nil, dropout: pAttention, scratch: a + plan.square2)
                // k, v projections over all tokens, q over [CLS] rows, into s1; the residual gradient
                // (d0, [CLS] rows only) joins at each sequence's first row; d0 becomes d(layer input).
                LastLayerProjection.backward(
                    dx: s1, dWeight: g + w.qkvWeight, dBias: g + w.qkvBias, dqkv: dqkv, input: input,
                    cls: a + plan.clsInput, weight: p + w.qkvWeight, starts: batch.starts, tokens: t, hidden: h, scratch: big)
                for b in 0..<batch.count { Self.add(s1 + batch.starts[b] * h, d0 + b * h, count: h) }
                d0.update(from: s1, count: t * h)
            } else {
                Attention.backward(
                    dqkv: dqkv, dctx: s1, qkv: a + s.qkv, batch: batch, probOffsets: plan.probOffsets, shape: shape,
                    dropoutMask: dropout ? UnsafePointer(masks[s.probsMask]) : nil, dropout: pAttention,
                    scratchProbs: a + plan.square3, scratchWeights: a + plan.square1, scratchGradient: a + plan.square2)
                // q, k, v projections; d0 (the residual gradient) becomes d(layer input)
                Linear.backward(
                    dx: d0, accumulate: true, dWeight: g + w.qkvWeight, dBias: g + w.qkvBias, dy: dqkv,
                    x: input, weight: p + w.qkvWeight, rows: t, inFeatures: h, outFeatures: 3 * h)
            }
        }

        // embeddings: dropout, LayerNorm, then scatter into the three tables
        var dEmbeddings = UnsafePointer(d0)
        if dropout {
            Dropout.apply(s2, d0, mask: masks[plan.embeddingsMask], count: t * h, probability: pHidden)
            dEmbeddings = UnsafePointer(s2)
        }
        LayerNorm.backward(
            dinp: s1, dweight: g + layout.embeddingsLayerNormWeight, dbias: g + layout.embeddingsLayerNormBias, dout: dEmbeddings,
            inp: a + plan.embeddingsSum, weight: p + layout.embeddingsLayerNormWeight, mean: a + plan.embeddingsMean,
            rstd: a + plan.embeddingsRstd, rows: t, channels: h)
        for row in touchedRows { (g + layout.wordEmbeddings + Int(row) * h).update(repeating: 0, count: h) }
        (g + layout.positionEmbeddings).update(repeating: 0, count: config.maxPositionEmbeddings * h)
        (g + layout.tokenTypeEmbeddings).update(repeating: 0, count: config.typeVocabSize * h)
        let dType = g + layout.tokenTypeEmbeddings
        batch.tokenIDs.withUnsafeBufferPointer { ids in
            for b in 0..<batch.count {
                for position in 0..<batch.lengths[b] {
                    let token = batch.starts[b] + position
                    let d = s1 + token * h
                    let word = g + layout.wordEmbeddings + Int(ids[token]) * h
                    let pos = g + layout.positionEmbeddings + position * h
                    for c in 0..<h {
                        word[c] += d[c]
                        pos[c] += d[c]
                        dType[c] += d[c]
                    }
                }
            }
        }
        touchedRows = batch.tokenIDs
        return loss
    }

    /// Sets every gradient to zero (before a head-only step, or in tests).
    public func zeroGradients() {
        gradients.zero()
        touchedRows = []
    }

    @inline(__always)
    static func add(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, count: Int) {
        for i in 0..<count { y[i] += x[i] }
    }
}
