/// Self-attention for the last layer, where only [CLS] is needed downstream (the pooler reads
/// nothing else): every token still supplies keys and values, but only each sequence's first
/// position asks a query. Exact, and it spares the last layer's output projection, FFN and
/// LayerNorms on all other tokens — about an eighth of a step.
///
/// qkv: [T, 3H] for all tokens; ctx: [B, H] (one row per sequence);
/// probs: for sequence b and head h, a [L_b] row at probOffsets[b] + h·L_b.
enum AttentionCLS {
    static func probOffsets(_ batch: BertBatch, heads: Int) -> [Int] {
        var offsets: [Int] = []
        var total = 0
        for n in batch.lengths {
            offsets.append(total)
            total += heads * n
        }
        return offsets
    }

    static func forward(
        ctx: UnsafeMutablePointer<Float>, probs: UnsafeMutablePointer<Float>, qkv: UnsafePointer<Float>,
        batch: BertBatch, probOffsets: [Int], shape: Attention.Shape, dropoutMask: UnsafePointer<UInt8>?, dropout p: Float
    ) {
        let hidden = shape.hidden, dh = shape.headSize, stride = 3 * hidden
        let scale = 1 / Float(dh).squareRoot()
        let keep = 1 / (1 - p)
        for b in 0..<batch.count {
            let n = batch.lengths[b], s = batch.starts[b]
            for head in 0..<shape.heads {
                let row = probs + probOffsets[b] + head * n
                let q = qkv + s * stride + head * dh
                for j in 0..<n {
                    let k = q + j * stride + hidden
                    var dot: Float = 0
                    for d in 0..<dh { dot += q[d] * k[d] }
                    row[j] = dot * scale
                }
                Attention.softmaxRow(row, count: n)
                let out = ctx + b * hidden + head * dh
                out.update(repeating: 0, count: dh)
                for j in 0..<n {
                    var weight = row[j]
                    if let dropoutMask { weight *= Float(dropoutMask[probOffsets[b] + head * n + j]) * keep }
                    let v = q + j * stride + 2 * hidden
                    for d in 0..<dh { out[d] += weight * v[d] }
                }
            }
        }
    }

    /// Writes dqkv [T, 3H] (zero query rows except [CLS]) from dctx [B, H].
    static func backward(
        dqkv: UnsafeMutablePointer<Float>, dctx: UnsafePointer<Float>, qkv: UnsafePointer<Float>, probs: UnsafePointer<Float>,
        batch: BertBatch, probOffsets: [Int], shape: Attention.Shape, dropoutMask: UnsafePointer<UInt8>?, dropout p: Float,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let hidden = shape.hidden, dh = shape.headSize, stride = 3 * hidden
        let scale = 1 / Float(dh).squareRoot()
        let keep = 1 / (1 - p)
        dqkv.update(repeating: 0, count: batch.tokenCount * stride)
        for b in 0..<batch.count {
            let n = batch.lengths[b], s = batch.starts[b]
            for head in 0..<shape.heads {
                let base = probOffsets[b] + head * n
                let row = probs + base
                let column = s * stride + head * dh
                let q = qkv + column, dq = dqkv + column
                let dc = dctx + b * hidden + head * dh
                let dp = scratch
                for j in 0..<n {
                    let factor: Float = dropoutMask.map { Float($0[base + j]) * keep } ?? 1
                    let v = q + j * stride + 2 * hidden, dv = dq + j * stride + 2 * hidden
                    var dot: Float = 0
                    for d in 0..<dh {
                        dot += dc[d] * v[d]
                        dv[d] = row[j] * factor * dc[d]
                    }
                    dp[j] = dot * factor
                }
                var total: Float = 0
                for j in 0..<n { total += row[j] * dp[j] }
                for j in 0..<n {
                    let ds = row[j] * (dp[j] - total) * scale
                    let k = q + j * stride + hidden, dk = dq + j * stride + hidden
                    for d in 0..<dh {
                        dq[d] += ds * k[d]
                        dk[d] = ds * q[d]
                    }
                }
            }
        }
    }
}
