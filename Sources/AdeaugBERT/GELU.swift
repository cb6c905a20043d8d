/// The exact (erf) GELU that BERT uses: gelu(x) = x · Φ(x) = ½ x (1 + erf(x / √2)).
enum GELU {
    static func forward(_ out: UnsafeMutablePointer<Float>, _ inp: UnsafePointer<Float>, count: Int) {
        for i in 0..<count {
            let x = inp[i]
            out[i] = 0.5 * x * (1 + FastMath.erf(x * 0.707_106_78))
        }
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
