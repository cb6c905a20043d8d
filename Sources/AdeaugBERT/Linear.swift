import COpenBLAS

/// Hugging Face's `nn.Linear` on row-major activations, both directions on OpenBLAS.
enum Linear {
    /// y[rows, out] = x[rows, in] · Wᵀ + b, with W stored [out, in].
    static func forward(
        _ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, rows: Int, inFeatures: Int, outFeatures: Int
    ) {
        guard rows > 0 else { return }
        // Broadcasting the bias into y first lets one GEMM with beta = 1 add it.
        if let bias {
            for r in 0..<rows { (y + r * outFeatures).update(from: bias, count: outFeatures) }
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outFeatures), Int32(inFeatures),
            1, x, Int32(inFeatures), weight, Int32(inFeatures), bias == nil ? 0 : 1, y, Int32(outFeatures))
    }

    /// dW[out, in] = dyᵀ · x and db = Σ rows of dy (both overwritten); when `dx` is given,
    /// dx[rows, in] = dy · W, added to what is there when `accumulate` (a residual branch).
    static func backward(
        dx: UnsafeMutablePointer<Float>?, accumulate: Bool, dWeight: UnsafeMutablePointer<Float>,
        dBias: UnsafeMutablePointer<Float>?, dy: UnsafePointer<Float>, x: UnsafePointer<Float>,
        weight: UnsafePointer<Float>, rows: Int, inFeatures: Int, outFeatures: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(outFeatures), Int32(inFeatures), Int32(rows),
            1, dy, Int32(outFeatures), x, Int32(inFeatures), 0, dWeight, Int32(inFeatures))
        if let dBias {
            dBias.update(repeating: 0, count: outFeatures)
            for r in 0..<rows {
                let row = dy + r * outFeatures
                for j in 0..<outFeatures { dBias[j] += row[j] }
            }
        }
        if let dx {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(inFeatures), Int32(outFeatures),
                1, dy, Int32(outFeatures), weight, Int32(inFeatures), accumulate ? 1 : 0, dx, Int32(inFeatures))
        }
    }
}
