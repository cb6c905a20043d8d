/// Offsets of every activation a batch needs inside the one activation buffer (and of the
/// dropout masks inside the byte buffer). Recomputed per batch, cheap; the buffers only grow.
///
/// For training every layer keeps its own activations for backward. For inference
/// (`forBackward: false`) nothing is kept: every layer reuses the same regions, the layer's
/// output overwrites its input, and there are no masks or backward scratch, about an eighth of
/// the floats per token (so a server's buffers stay small at its largest batch).
///
/// With gradient checkpointing (`recomputes`) the layers below the last keep only their output
/// (the next layer's input) and their dropout masks; everything else they compute goes to one
/// shared set of regions, which backward refills layer by layer by running the layer again:
/// about a twelfth of the activation memory for a third more arithmetic.
struct ActivationPlan {
    struct Layer {
        var qkv = 0  // [T, 3H]
        var probs = 0  // Σ heads · L_b²
        var ctx = 0  // [T, H]
        var ln1In = 0, ln1Mean = 0, ln1Rstd = 0, ln1Out = 0  // attention output + residual, its LayerNorm
        var ffnPre = 0  // [T, I]; GELU's output is recomputed in backward, not kept; backward overwrites this with GELU's derivative
        var ln2In = 0, ln2Mean = 0, ln2Rstd = 0, ln2Out = 0  // FFN output + residual, its LayerNorm
        // byte offsets of the dropout masks
        var probsMask = 0, attentionMask = 0, ffnMask = 0

        /// The regions a training layer computes in and its backward reads (all but its output,
        /// attention probabilities and masks), for `rows` rows after q/k/v over `tokens`.
        static func working(rows: Int, tokens: Int, hidden h: Int, intermediate i: Int, cursor: inout Cursor) -> Layer {
            var layer = Layer()
            layer.qkv = cursor.take(3 * tokens * h)
            layer.ctx = cursor.take(rows * h)
            layer.ln1In = cursor.take(rows * h)
            layer.ln1Mean = cursor.take(rows)
            layer.ln1Rstd = cursor.take(rows)
            layer.ln1Out = cursor.take(rows * h)
            layer.ffnPre = cursor.take(rows * i)
            layer.ln2In = cursor.take(rows * h)
            layer.ln2Mean = cursor.take(rows)
            layer.ln2Rstd = cursor.take(rows)
            return layer
        }
    }

    var tokens: Int
    var probOffsets: [Int]
    var probsPerLayer: Int
    var maxLength: Int

    var embeddingsSum = 0, embeddingsMean = 0, embeddingsRstd = 0, embeddingsOut = 0, embeddingsMask = 0
    var layers: [Layer] = []
    // backward scratch
    var d0 = 0, s1 = 0, s2 = 0, big = 0, dqkv = 0, square1 = 0, square2 = 0, square3 = 0
    /// GELU's output for the layer being run (forward) or recomputed (backward), [T, I].
    var gelu = 0
    /// The last layer's residual input at [CLS] rows, [B, H].
    var clsInput = 0

    var floats = 0
    var bytes = 0
    /// Whether `backward` can run on these activations (false for an inference plan).
    var forBackward: Bool
    /// Whether backward must run each layer below the last again before its own backward.
    var recomputes = false

    init(batch: BertBatch, config: BertConfig, forBackward: Bool = true, gradientCheckpointing: Bool = false) {
        let t = batch.tokenCount, h = config.hiddenSize, i = config.intermediateSize, heads = config.numAttentionHeads
        tokens = t
        maxLength = batch.maxLength
        self.forBackward = forBackward
        var offsets: [Int] = []
        var total = 0
        for n in batch.lengths {
            offsets.append(total)
            total += heads * n * n
        }
        probOffsets = offsets
        probsPerLayer = total
        // Local cursors rather than nested functions capturing `var`s: the latter lost the byte
        // total under -O with Swift 6.3 (observed: `bytes` came out 0), so keep this plain.
        var floatCursor = Cursor(), byteCursor = Cursor()
        func take(_ n: Int) -> Int { floatCursor.take(n) }
        func takeBytes(_ n: Int) -> Int { byteCursor.take(n) }
        embeddingsSum = take(t * h)
        embeddingsMean = take(t)
        embeddingsRstd = take(t)
        embeddingsOut = take(t * h)
        embeddingsMask = takeBytes(t * h)
        guard forBackward else {
            // Inference: one set of regions for every layer, aliased in the order
            // `BertNetwork.forwardEncoder` reads and writes them: the embeddings' sum is dead once
            // normalised (the attention output goes there), the context is dead once projected
            // (the FFN output goes there), GELU runs in place on the FFN pre-activation, and the
            // layer's output overwrites its input, whose last reader is the residual add after
            // attention. No masks, no backward scratch.
            var layer = Layer()
            layer.qkv = take(3 * t * h)
            layer.probs = take(heads * t)
            layer.ctx = take(t * h)
            layer.ln1In = embeddingsSum
            layer.ln1Mean = take(t)
            layer.ln1Rstd = take(t)
            layer.ln1Out = take(t * h)
            layer.ffnPre = take(t * i)
            layer.ln2In = layer.ctx
            layer.ln2Mean = take(t)
            layer.ln2Rstd = take(t)
            layer.ln2Out = embeddingsOut
            layers = Array(repeating: layer, count: config.numHiddenLayers)
            gelu = layer.ffnPre
            square1 = take(maxLength * maxLength)
            square3 = take(maxLength * maxLength)
            clsInput = take(batch.count * h)
            floats = floatCursor.next
            bytes = 0
            return
        }
        var shared: Layer?
        if gradientCheckpointing && config.numHiddenLayers > 1 {
            shared = Layer.working(rows: t, tokens: t, hidden: h, intermediate: i, cursor: &floatCursor)
            recomputes = true
        }
        for l in 0..<config.numHiddenLayers {
            // The last layer keeps only one row per sequence after its q/k/v (AttentionCLS).
            let last = l == config.numHiddenLayers - 1
            if let shared, !last {
                var layer = shared
                layer.ln2Out = take(t * h)
                layer.probsMask = takeBytes(total)
                layer.attentionMask = takeBytes(t * h)
                layer.ffnMask = takeBytes(t * h)
                layers.append(layer)
                continue
            }
            let rows = last ? batch.count : t
            var layer = Layer.working(rows: rows, tokens: t, hidden: h, intermediate: i, cursor: &floatCursor)
            layer.probs = take(last ? heads * t : 0)  // only the [CLS] rows of the last layer are kept
            layer.ln2Out = take(rows * h)
            layer.probsMask = takeBytes(last ? heads * t : total)
            layer.attentionMask = takeBytes(rows * h)
            layer.ffnMask = takeBytes(rows * h)
            layers.append(layer)
        }
        d0 = take(t * h)
        s1 = take(t * h)
        s2 = take(t * h)
        big = take(t * i)
        gelu = take(t * i)
        dqkv = take(3 * t * h)
        square1 = take(maxLength * maxLength)
        square2 = take(maxLength * maxLength)
        square3 = take(maxLength * maxLength)
        clsInput = take(batch.count * h)
        floats = floatCursor.next
        bytes = byteCursor.next
    }

    /// Hands out consecutive offsets.
    struct Cursor {
        var next = 0
        mutating func take(_ n: Int) -> Int {
            let offset = next
            next += n
            return offset
        }
    }
}
