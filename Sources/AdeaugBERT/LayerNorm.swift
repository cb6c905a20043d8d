/// LayerNorm over the last dimension, forward and backward side by side (llm.c style).
enum LayerNorm {
    /// inp, out: [rows, C]; mean, rstd: [rows] kept for the backward pass.
    /// out = (inp - mean) · rstd · weight + bias, rstd = 1 / sqrt(var + eps).
    static func forward(
        _ out: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>,
        _ inp: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        rows: Int, channels c: Int, eps: Float
    ) {
        for t in 0..<rows {
            let x = inp + t * c
            var sum: Float = 0
            for i in 0..<c { sum += x[i] }
            let m = sum / Float(c)
            var variance: Float = 0
            for i in 0..<c {
                let d = x[i] - m
                variance += d * d
            }
            let s = 1 / (variance / Float(c) + eps).squareRoot()
            let o = out + t * c
            for i in 0..<c { o[i] = (x[i] - m) * s * weight[i] + bias[i] }
            mean[t] = m
            rstd[t] = s
        }
    }

    /// dinp [rows, C] is overwritten; dweight and dbias [C] are overwritten with the sums over rows.
    static func backward(
        dinp: UnsafeMutablePointer<Float>, dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>,
        dout: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, rows: Int, channels c: Int
    ) {
        dweight.update(repeating: 0, count: c)
        dbias.update(repeating: 0, count: c)
        for t in 0..<rows {
            let x = inp + t * c, dy = dout + t * c, dx = dinp + t * c
            let m = mean[t], s = rstd[t]
            // The two reductions of the normalised input's gradient.
            var dnormMean: Float = 0
            var dnormNormMean: Float = 0
            for i in 0..<c {
                let norm = (x[i] - m) * s
                let dnorm = weight[i] * dy[i]
                dnormMean += dnorm
                dnormNormMean += dnorm * norm
            }
            dnormMean /= Float(c)
            dnormNormMean /= Float(c)
            for i in 0..<c {
                let norm = (x[i] - m) * s
                let dnorm = weight[i] * dy[i]
                dbias[i] += dy[i]
                dweight[i] += norm * dy[i]
                dx[i] = (dnorm - dnormMean - norm * dnormNormMean) * s
            }
        }
    }
}
