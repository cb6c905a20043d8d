/// AdamW as PyTorch's `torch.optim.AdamW` computes it (decoupled weight decay applied before
/// the Adam update, bias-corrected moments), with weight decay skipped for biases and
/// LayerNorm parameters. Owns the two moment buffers, laid out like the parameters.
public final class AdamW {
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public var weightDecay: Float
    public private(set) var step = 0
    private let m: FloatBuffer
    private let v: FloatBuffer
    /// Word-embedding rows that have had a gradient since this optimizer started. Every other
    /// row has zero moments and a zero gradient, so its update is the weight decay alone: doing
    /// just that gives the same values bit for bit, spares the pass most of its memory traffic
    /// (most of a vocabulary never appears in a corpus) and leaves those moment pages unwritten,
    /// so never resident. Sized at the first update, which knows the vocabulary.
    private var rowsWithMoments: [Bool] = []

    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        m = FloatBuffer(count: parameterCount)
        v = FloatBuffer(count: parameterCount)
    }

    /// One update of the tensors of `network` (all, or only the head when `headOnly`), the flat
    /// buffer split between `threads` threads.
    public func update(_ network: BertNetwork, learningRate lr: Float, headOnly: Bool = false, threads: Int = 1, gradientScale: Float = 1) {
        step += 1
        let correction1 = 1 - Float(Double(beta1).power(step))
        let correction2 = 1 - Float(Double(beta2).power(step))
        let stepSize = lr / correction1
        let rootCorrection2 = correction2.squareRoot()
        let p = network.parameters.pointer, g = network.gradients.pointer, mp = m.pointer, vp = v.pointer
        let b1 = beta1, b2 = beta2, eps = epsilon, wd = weightDecay
        let layout = network.layout
        let first = headOnly ? layout.headStart : 0
        if rowsWithMoments.isEmpty { rowsWithMoments = [Bool](repeating: false, count: network.config.vocabSize) }
        if !headOnly {
            for row in network.rowsTouchedByLastBackward { rowsWithMoments[Int(row)] = true }
        }
        let rowsWithMoments = rowsWithMoments, width = network.config.hiddenSize
        let ranges = Parallel.ranges(layout.count - first, parts: threads).map { ($0.lowerBound + first)..<($0.upperBound + first) }
        Parallel.forEach(ranges.count) { part in
            let range = ranges[part]
            for tensor in layout.tensors {
                let lo = max(tensor.offset, range.lowerBound), hi = min(tensor.offset + tensor.count, range.upperBound)
                guard lo < hi else { continue }
                let decay: Float = tensor.decays ? 1 - lr * wd : 1
                func adam(_ lo: Int, _ hi: Int) {
                    Self.update(
                        p + lo, g + lo, mp + lo, vp + lo, count: hi - lo,
                        decay: decay, stepSize: stepSize, rootCorrection2: rootCorrection2, beta1: b1, beta2: b2, epsilon: eps,
                        gradientScale: gradientScale)
                }
                guard tensor.offset == layout.wordEmbeddings else {
                    adam(lo, hi)
                    continue
                }
                // Runs of rows with and without moments: Adam on the former, decay on the latter.
                var start = lo
                while start < hi {
                    var row = (start - tensor.offset) / width
                    let hasMoments = rowsWithMoments[row]
                    while row + 1 < rowsWithMoments.count && tensor.offset + (row + 1) * width < hi && rowsWithMoments[row + 1] == hasMoments {
                        row += 1
                    }
                    let end = min(tensor.offset + (row + 1) * width, hi)
                    if hasMoments {
                        adam(start, end)
                    } else if decay != 1 {
                        Self.decay(p + start, count: end - start, by: decay)
                    }
                    start = end
                }
            }
        }
    }

    /// The element-wise update over one tensor, eight lanes at a time.
    @inline(__always)
    static func update(
        _ p: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
        _ v: UnsafeMutablePointer<Float>, count: Int, decay: Float, stepSize: Float, rootCorrection2: Float,
        beta1: Float, beta2: Float, epsilon: Float, gradientScale: Float
    ) {
        var i = 0
        let inverseRoot = 1 / rootCorrection2
        while i + 8 <= count {
            let grad = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self) * gradientScale
            let mi = beta1 * UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self) + (1 - beta1) * grad
            let vi = beta2 * UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self) + (1 - beta2) * grad * grad
            UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: SIMD8<Float>.self)
            let pi = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
            let updated = pi * decay - stepSize * mi / (vi.squareRoot() * inverseRoot + epsilon)
            UnsafeMutableRawPointer(p + i).storeBytes(of: updated, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            let grad = g[i] * gradientScale
            let mi = beta1 * m[i] + (1 - beta1) * grad
            let vi = beta2 * v[i] + (1 - beta2) * grad * grad
            m[i] = mi
            v[i] = vi
            p[i] = p[i] * decay - stepSize * mi / (vi.squareRoot() * inverseRoot + epsilon)
            i += 1
        }
    }

    /// p · decay, what `update` computes where the gradient and both moments are zero.
    static func decay(_ p: UnsafeMutablePointer<Float>, count: Int, by decay: Float) {
        for i in 0..<count { p[i] *= decay }
    }

    /// The global L2 norm of the gradients (all, or the head's), both halves of the buffer summed
    /// on their own threads.
    public static func gradientNorm(_ network: BertNetwork, headOnly: Bool = false, threads: Int = 1) -> Float {
        let first = headOnly ? network.layout.headStart : 0
        let g = network.gradients.pointer
        let ranges = Parallel.ranges(network.layout.count - first, parts: threads)
        var sums = [Double](repeating: 0, count: ranges.count)
        sums.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(ranges.count) { part in
                out[part] = squaredNorm(g + first + ranges[part].lowerBound, count: ranges[part].count)
            }
        }
        return Float(sums.reduce(0, +).squareRoot())
    }

    /// Eight float accumulators per 4096-element block, summed in double: vectorisable and still
    /// accurate over twenty million squares.
    static func squaredNorm(_ g: UnsafePointer<Float>, count: Int) -> Double {
        var sum: Double = 0
        var i = 0
        while i < count {
            let end = min(i + 4096, count)
            var lanes = SIMD8<Float>()
            while i + 8 <= end {
                let v = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
                lanes += v * v
                i += 8
            }
            var partial = Double(lanes.sum())
            while i < end {
                partial += Double(g[i] * g[i])
                i += 1
            }
            sum += partial
        }
        return sum
    }

    /// The factor that brings a gradient of norm `norm` down to `maxNorm` (PyTorch's
    /// `clip_grad_norm_`), 1 when it is already within or clipping is off (`maxNorm` 0).
    /// `update(gradientScale:)` applies it while it reads the gradients, saving a pass.
    public static func clipScale(norm: Float, maxNorm: Float) -> Float {
        maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1
    }
}

extension Double {
    fileprivate func power(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= self }
        return result
    }
}
