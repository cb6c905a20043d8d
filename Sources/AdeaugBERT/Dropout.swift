import AdeaugCore

/// Inverted dropout with masks drawn from a seeded generator, so a seed reproduces a run.
/// Masks are kept as bytes (1 = kept) for the backward pass.
enum Dropout {
    /// Fills `mask` with keep flags; each 64-bit draw gives four 16-bit uniforms.
    static func fillMask(_ mask: UnsafeMutablePointer<UInt8>, count: Int, probability p: Float, generator: inout SeededGenerator) {
        let threshold = UInt64((p * 65_536).rounded())
        var i = 0
        while i < count {
            var bits = generator.next()
            for _ in 0..<4 where i < count {
                mask[i] = (bits & 0xFFFF) >= threshold ? 1 : 0
                bits >>= 16
                i += 1
            }
        }
    }

    /// out = inp · mask / (1 - p); in place is fine. Also the backward pass (same formula on gradients).
    static func apply(_ out: UnsafeMutablePointer<Float>, _ inp: UnsafePointer<Float>, mask: UnsafePointer<UInt8>, count: Int, probability p: Float) {
        let scale = 1 / (1 - p)
        // In place gets a one-pointer loop: overlapping pointers send the two-pointer loop to its
        // scalar version (the compiler's alias check).
        guard UnsafePointer(out) != inp else {
            for i in 0..<count { out[i] *= Float(mask[i]) * scale }
            return
        }
        for i in 0..<count { out[i] = inp[i] * (Float(mask[i]) * scale) }
    }
}
