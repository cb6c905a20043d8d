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

    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        m = FloatBuffer(count: parameterCount)
        v = FloatBuffer(count: parameterCount)
    }

    /// One update of the tensors of `network` (all, or only the head when `headOnly`).
    public func update(_ network: BertNetwork, learningRate lr: Float, headOnly: Bool = false) {
        step += 1
        let correction1 = 1 - Float(Double(beta1).power(step))
        let correction2 = 1 - Float(Double(beta2).power(step))
        let stepSize = lr / correction1
        let rootCorrection2 = correction2.squareRoot()
        let p = network.parameters.pointer, g = network.gradients.pointer, mp = m.pointer, vp = v.pointer
        let b1 = beta1, b2 = beta2, eps = epsilon
        for tensor in network.layout.tensors where !headOnly || tensor.offset >= network.layout.headStart {
            let decay: Float = tensor.decays ? 1 - lr * weightDecay : 1
            let start = tensor.offset, end = tensor.offset + tensor.count
            for i in start..<end {
                let grad = g[i]
                let mi = b1 * mp[i] + (1 - b1) * grad
                let vi = b2 * vp[i] + (1 - b2) * grad * grad
                mp[i] = mi
                vp[i] = vi
                p[i] = p[i] * decay - stepSize * mi / (vi.squareRoot() / rootCorrection2 + eps)
            }
        }
    }

    /// Scales the gradients so their global L2 norm is at most `maxNorm`; returns the norm before.
    @discardableResult
    public static func clipGradients(_ network: BertNetwork, maxNorm: Float, headOnly: Bool = false) -> Float {
        let start = headOnly ? network.layout.headStart : 0
        let g = network.gradients.pointer
        var sum: Double = 0
        var partial: Float = 0
        for i in start..<network.layout.count {
            partial += g[i] * g[i]
            if i & 4095 == 4095 {
                sum += Double(partial)
                partial = 0
            }
        }
        sum += Double(partial)
        let norm = Float(sum.squareRoot())
        if maxNorm > 0 && norm > maxNorm {
            let scale = maxNorm / (norm + 1e-6)
            for i in start..<network.layout.count { g[i] *= scale }
        }
        return norm
    }
}

extension Double {
    fileprivate func power(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= self }
        return result
    }
}
