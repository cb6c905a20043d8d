import AdeaugBERT
import AdeaugCore
import COpenBLAS
import Foundation

/// Times the matrix products of training steps on their own (same shapes and order, scratch
/// operands), so the benchmark can say what share of a step is GEMM and what is everything else.
enum GemmReplay {
    /// With `threads` > 1 each batch is split as `DataParallelBert` splits it, one part per thread.
    static func seconds(batches: [BertBatch], config: BertConfig, threads: Int = 1) -> Double {
        guard threads > 1 else { return seconds(batches: batches, config: config) }
        let parts = batches.map { batch in
            (0..<threads).map { part in
                let r = Parallel.ranges(batch.count, parts: threads)[part]
                return BertBatch(sequences: r.map { Array(batch.tokenIDs[batch.starts[$0]..<(batch.starts[$0] + batch.lengths[$0])]) })
            }
        }
        let start = Date()
        Parallel.forEach(threads) { part in
            _ = seconds(batches: parts.map { $0[part] }, config: config)
        }
        return Date().timeIntervalSince(start)
    }

    static func seconds(batches: [BertBatch], config: BertConfig) -> Double {
        guard let maxTokens = batches.map(\.tokenCount).max() else { return 0 }
        let h = config.hiddenSize, inter = config.intermediateSize, dh = config.headSize
        // Written before timing: a `calloc`'d buffer nobody wrote reads from the kernel's one zero
        // page, which would flatter the products' memory traffic.
        func filled(_ count: Int) -> FloatBuffer {
            let buffer = FloatBuffer(count: count)
            buffer.pointer.update(repeating: 0.01, count: count)
            return buffer
        }
        let big = filled(maxTokens * max(3 * h, inter) * 2)
        let weights = filled(3 * h * max(h, inter))
        // Also holds the weight gradients dW [out, in], larger than [tokens, out] when a part
        // has fewer tokens than the layer has inputs (BERT-base: under 768 tokens per thread).
        let out = filled(max(maxTokens * max(3 * h, inter), 3 * h * max(h, inter)))
        let square = filled(512 * 512)
        let a = big.pointer, w = weights.pointer, o = out.pointer, s = square.pointer
        func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ lda: Int, _ ldb: Int, _ ldc: Int, _ c: UnsafeMutablePointer<Float>) {
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), w, Int32(ldb), 0, c, Int32(ldc))
        }
        let start = Date()
        for batch in batches {
            let t = batch.tokenCount
            for _ in 0..<config.numHiddenLayers {
                // forward linears: y = x Wᵀ
                for (inF, outF) in [(h, 3 * h), (h, h), (h, inter), (inter, h)] {
                    gemm(false, true, t, outF, inF, inF, inF, outF, o)
                    // backward: dW = dyᵀ x, dx = dy W
                    gemm(true, false, outF, inF, t, outF, inF, inF, o)
                    gemm(false, false, t, inF, outF, outF, inF, inF, o)
                }
                for n in batch.lengths {
                    for _ in 0..<config.numAttentionHeads {
                        gemm(false, true, n, n, dh, 3 * h, 3 * h, n, s)  // scores
                        gemm(false, false, n, dh, n, n, 3 * h, h, o)  // context
                        gemm(true, false, n, dh, n, n, h, 3 * h, o)  // dv
                        gemm(false, true, n, n, dh, h, 3 * h, n, s)  // dweights
                        gemm(false, false, n, dh, n, n, 3 * h, 3 * h, o)  // dq
                        gemm(true, false, n, dh, n, n, 3 * h, 3 * h, o)  // dk
                    }
                }
            }
        }
        return Date().timeIntervalSince(start)
    }
}
