import COpenBLAS

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

/// The last layer's q/k/v projection, trimmed to what `AttentionCLS` reads: keys and values for
/// every token, queries for the [CLS] rows only (a third of the projection's work on all other
/// rows, forward and backward). Exact: the query rows left out are never read, and their
/// gradient is zero.
enum LastLayerProjection {
    /// qkv [T, 3H]: columns H..<3H for every row, columns 0..<H for the rows in `starts`.
    /// cls [B, H] holds the layer input at those rows; clsQuery [B, H] is scratch.
    static func forward(
        qkv: UnsafeMutablePointer<Float>, input: UnsafePointer<Float>, cls: UnsafePointer<Float>,
        clsQuery: UnsafeMutablePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        starts: [Int], tokens t: Int, hidden h: Int
    ) {
        guard t > 0 else { return }
        for r in 0..<t { (qkv + r * 3 * h + h).update(from: bias + h, count: 2 * h) }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(t), Int32(2 * h), Int32(h),
            1, input, Int32(h), weight + h * h, Int32(h), 1, qkv + h, Int32(3 * h))
        Linear.forward(clsQuery, cls, weight: weight, bias: bias, rows: starts.count, inFeatures: h, outFeatures: h)
        for (b, s) in starts.enumerated() { (qkv + s * 3 * h).update(from: clsQuery + b * h, count: h) }
    }

    /// dx [T, H] (overwritten), dWeight [3H, H] and dBias [3H] (overwritten) from dqkv [T, 3H],
    /// whose query columns are zero outside the [CLS] rows. scratch: 2 · B · H floats.
    static func backward(
        dx: UnsafeMutablePointer<Float>, dWeight: UnsafeMutablePointer<Float>, dBias: UnsafeMutablePointer<Float>,
        dqkv: UnsafePointer<Float>, input: UnsafePointer<Float>, cls: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        starts: [Int], tokens t: Int, hidden h: Int, scratch: UnsafeMutablePointer<Float>
    ) {
        let ld = Int32(3 * h), bsz = starts.count
        // keys and values, every token
        cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(2 * h), Int32(h), Int32(t),
            1, dqkv + h, ld, input, Int32(h), 0, dWeight + h * h, Int32(h))
        let db = dBias + h
        db.update(repeating: 0, count: 2 * h)
        for r in 0..<t {
            let row = dqkv + r * 3 * h + h
            for j in 0..<(2 * h) { db[j] += row[j] }
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(t), Int32(h), Int32(2 * h),
            1, dqkv + h, ld, weight + h * h, Int32(h), 0, dx, Int32(h))
        // queries, [CLS] rows only
        let dq = scratch, dxCLS = scratch + bsz * h
        for (b, s) in starts.enumerated() { (dq + b * h).update(from: dqkv + s * 3 * h, count: h) }
        Linear.backward(
            dx: dxCLS, accumulate: false, dWeight: dWeight, dBias: dBias, dy: dq, x: cls, weight: weight,
            rows: bsz, inFeatures: h, outFeatures: h)
        for (b, s) in starts.enumerated() { BertNetwork.add(dx + s * h, dxCLS + b * h, count: h) }
    }
}
