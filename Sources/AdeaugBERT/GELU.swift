/// The exact (erf) GELU that BERT uses: gelu(x) = x · Φ(x) = ½ x (1 + erf(x / √2)).
enum GELU {
    static func forward(_ out: UnsafeMutablePointer<Float>, _ inp: UnsafePointer<Float>, count: Int) {
        // In place (inference's plan) gets its own one-pointer loop: with two pointers that
        // overlap, the compiler's alias check sends the loop to its scalar version (a fifth of
        // an inference pass was spent there).
        guard UnsafePointer(out) != inp else { return forwardInPlace(out, count: count) }
        for i in 0..<count { out[i] = value(inp[i]) }
    }

    static func forwardInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = value(x[i]) }
    }

    @inline(__always)
    static func value(_ x: Float) -> Float {
        0.5 * x * (1 + FastMath.erf(x * 0.707_106_78))
    }

    /// Backward's single pass over the pre-activation: `out` = gelu(x) (the dense layer's input,
    /// recomputed rather than kept per layer) and, in place of x, gelu'(x) = Φ(x) + x · φ(x)
    /// for `scale`. One erf and one exp per element instead of two erfs and an exp; the same
    /// expressions as `forward` and `backward`, so the results are bit for bit the same.
    static func forwardAndDerivative(_ out: UnsafeMutablePointer<Float>, _ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            let e = FastMath.erf(v * 0.707_106_78)
            out[i] = 0.5 * v * (1 + e)
            let cdf = 0.5 * (1 + e)
            let pdf = 0.398_942_28 * FastMath.exp(-0.5 * v * v)
            x[i] = cdf + v * pdf
        }
    }

    /// d[i] *= derivative[i] (from `forwardAndDerivative`).
    static func scale(_ d: UnsafeMutablePointer<Float>, by derivative: UnsafePointer<Float>, count: Int) {
        for i in 0..<count { d[i] *= derivative[i] }
    }

    /// d[i] *= gelu'(inp[i]) = Φ(x) + x · φ(x), in place on the incoming gradient.
    static func backward(_ d: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count: Int) {
        for i in 0..<count {
            let x = inp[i]
            let cdf = 0.5 * (1 + FastMath.erf(x * 0.707_106_78))
            let pdf = 0.398_942_28 * FastMath.exp(-0.5 * x * x)
            d[i] *= cdf + x * pdf
        }
    }
}
