/// LayerNorm over the last dimension, forward and backward side by side (llm.c style).
/// Rows are processed eight channels at a time when the width allows (BERT's always does):
/// the row reductions are what keeps the compiler from vectorising a plain loop.
enum LayerNorm {
    typealias Lanes = SIMD8<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> Lanes {
        UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: Lanes.self)
    }

    /// inp, out: [rows, C]; mean, rstd: [rows] kept for the backward pass.
    /// out = (inp - mean) · rstd · weight + bias, rstd = 1 / sqrt(var + eps).
    static func forward(
        _ out: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>,
        _ inp: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        rows: Int, channels c: Int, eps: Float
    ) {
        let vectorised = c % 8 == 0
        for t in 0..<rows {
            let x = inp + t * c
            var sum: Float = 0
            if vectorised {
                var lanes = Lanes()
                for i in stride(from: 0, to: c, by: 8) { lanes += load(x, i) }
                sum = lanes.sum()
            } else {
                for i in 0..<c { sum += x[i] }
            }
            let m = sum / Float(c)
            var variance: Float = 0
            if vectorised {
                var lanes = Lanes()
                for i in stride(from: 0, to: c, by: 8) {
                    let d = load(x, i) - m
                    lanes += d * d
                }
                variance = lanes.sum()
            } else {
                for i in 0..<c {
                    let d = x[i] - m
                    variance += d * d
                }
            }
            let s = 1 / (variance / Float(c) + eps).squareRoot()
            let o = out + t * c
            if vectorised {
                for i in stride(from: 0, to: c, by: 8) { store((load(x, i) - m) * s * load(weight, i) + load(bias, i), o, i) }
            } else {
                for i in 0..<c { o[i] = (x[i] - m) * s * weight[i] + bias[i] }
            }
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
        guard c % 8 == 0 else {
            scalarBackward(dinp: dinp, dweight: dweight, dbias: dbias, dout: dout, inp: inp, weight: weight, mean: mean, rstd: rstd, rows: rows, channels: c)
            return
        }
        for t in 0..<rows {
            let x = inp + t * c, dy = dout + t * c, dx = dinp + t * c
            let m = mean[t], s = rstd[t]
            // The two reductions of the normalised input's gradient.
            var meanLanes = Lanes(), normLanes = Lanes()
            for i in stride(from: 0, to: c, by: 8) {
                let norm = (load(x, i) - m) * s
                let dnorm = load(weight, i) * load(dy, i)
                meanLanes += dnorm
                normLanes += dnorm * norm
            }
            let dnormMean = meanLanes.sum() / Float(c)
            let dnormNormMean = normLanes.sum() / Float(c)
            for i in stride(from: 0, to: c, by: 8) {
                let norm = (load(x, i) - m) * s
                let g = load(dy, i)
                let dnorm = load(weight, i) * g
                store(load(dbias, i) + g, dbias, i)
                store(load(dweight, i) + norm * g, dweight, i)
                store((dnorm - dnormMean - norm * dnormNormMean) * s, dx, i)
            }
        }
    }

    static func scalarBackward(
        dinp: UnsafeMutablePointer<Float>, dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>,
        dout: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, rows: Int, channels c: Int
    ) {
        for t in 0..<rows {
            let x = inp + t * c, dy = dout + t * c, dx = dinp + t * c
            let m = mean[t], s = rstd[t]
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
