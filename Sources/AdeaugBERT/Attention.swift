import COpenBLAS

/// Multi-head self-attention over packed sequences: the batch holds only real tokens, one
/// sequence after another, so no work goes to padding and no mask is needed (each sequence
/// attends only to itself, which is what the padding mask achieves in Hugging Face).
///
/// qkv: [T, 3H] (query | key | value per token); ctx: [T, H].
/// The [L_b, L_b] attention weights are not kept: backward recomputes them from q and k (one
/// small product per head, ~1% of a step), which saves a quarter of the activation memory on
/// long batches (12 heads · 128² floats per sequence per layer).
enum Attention {
    struct Shape {
        var heads: Int
        var headSize: Int
        var hidden: Int { heads * headSize }
    }

    /// probs = softmax(q · kᵀ / √d) for one sequence and head, [n, n].
    @inline(__always)
    static func weights(_ pr: UnsafeMutablePointer<Float>, q: UnsafePointer<Float>, k: UnsafePointer<Float>, n: Int, shape: Shape) {
        let h3 = Int32(3 * shape.hidden), ni = Int32(n)
        let scale = 1 / Float(shape.headSize).squareRoot()
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ni, ni, Int32(shape.headSize), scale, q, h3, k, h3, 0, pr, ni)
        for i in 0..<n { softmaxRow(pr + i * n, count: n) }
    }

    static func forward(
        ctx: UnsafeMutablePointer<Float>, qkv: UnsafePointer<Float>,
        batch: BertBatch, probOffsets: [Int], shape: Shape, dropoutMask: UnsafePointer<UInt8>?,
        dropout p: Float, scratchProbs: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let h3 = Int32(3 * shape.hidden), hidden = shape.hidden, dh = shape.headSize
        for b in 0..<batch.count {
            let n = batch.lengths[b], s = batch.starts[b], ni = Int32(n)
            for head in 0..<shape.heads {
                let block = probOffsets[b] + head * n * n
                let pr = scratchProbs
                let q = qkv + s * 3 * hidden + head * dh
                let k = q + hidden, v = q + 2 * hidden
                weights(pr, q: q, k: k, n: n, shape: shape)
                var weights = UnsafePointer(pr)
                if let dropoutMask {
                    Dropout.apply(scratch, pr, mask: dropoutMask + block, count: n * n, probability: p)
                    weights = UnsafePointer(scratch)
                }
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, ni, Int32(dh), ni, 1, weights, ni, v, h3, 0,
                    ctx + s * hidden + head * dh, Int32(hidden))
            }
        }
    }

    @inline(__always)
    static func softmaxRow(_ row: UnsafeMutablePointer<Float>, count: Int) {
        var maximum = -Float.infinity
        for j in 0..<count { maximum = max(maximum, row[j]) }
        var sum: Float = 0
        for j in 0..<count {
            let e = FastMath.exp(row[j] - maximum)
            row[j] = e
            sum += e
        }
        let inverse = 1 / sum
        for j in 0..<count { row[j] *= inverse }
    }

    /// Writes dqkv [T, 3H] from dctx [T, H].
    static func backward(
        dqkv: UnsafeMutablePointer<Float>, dctx: UnsafePointer<Float>, qkv: UnsafePointer<Float>,
        batch: BertBatch, probOffsets: [Int], shape: Shape,
        dropoutMask: UnsafePointer<UInt8>?, dropout p: Float, scratchProbs: UnsafeMutablePointer<Float>,
        scratchWeights: UnsafeMutablePointer<Float>, scratchGradient: UnsafeMutablePointer<Float>
    ) {
        let h3 = Int32(3 * shape.hidden), hidden = shape.hidden, dh = shape.headSize
        let scale = 1 / Float(dh).squareRoot()
        for b in 0..<batch.count {
            let n = batch.lengths[b], s = batch.starts[b], ni = Int32(n)
            for head in 0..<shape.heads {
                let block = probOffsets[b] + head * n * n
                let column = s * 3 * hidden + head * dh
                let q = qkv + column, k = q + hidden, v = q + 2 * hidden
                weights(scratchProbs, q: q, k: k, n: n, shape: shape)
                let pr = UnsafePointer(scratchProbs)
                let dq = dqkv + column, dk = dq + hidden, dv = dq + 2 * hidden
                let dc = dctx + s * hidden + head * dh
                var weights = pr
                if let dropoutMask {
                    Dropout.apply(scratchWeights, pr, mask: dropoutMask + block, count: n * n, probability: p)
                    weights = UnsafePointer(scratchWeights)
                }
                // dv = weightsᵀ · dctx ; dweights = dctx · vᵀ
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, ni, Int32(dh), ni, 1, weights, ni, dc, Int32(hidden), 0, dv, h3)
                let dp = scratchGradient
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ni, ni, Int32(dh), 1, dc, Int32(hidden), v, h3, 0, dp, ni)
                if let dropoutMask {
                    Dropout.apply(dp, dp, mask: dropoutMask + block, count: n * n, probability: p)
                }
                // softmax backward, folding in the 1/√d of the scores
                for i in 0..<n {
                    let prow = pr + i * n, drow = dp + i * n
                    var dot: Float = 0
                    for j in 0..<n { dot += prow[j] * drow[j] }
                    for j in 0..<n { drow[j] = prow[j] * (drow[j] - dot) * scale }
                }
                // dq = dscores · k ; dk = dscoresᵀ · q
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ni, Int32(dh), ni, 1, dp, ni, k, h3, 0, dq, h3)
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, ni, Int32(dh), ni, 1, dp, ni, q, h3, 0, dk, h3)
            }
        }
    }
}
