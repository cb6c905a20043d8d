/// Branch-free `exp` and `erf` in plain arithmetic, so loops over activations stay inlinable and
/// vectorisable instead of calling libm once per element (GELU alone is millions of calls a step).
/// No `rounded()`, no `Int32(Float)` (both are calls or traps that stop vectorisation): rounding
/// uses the 1.5·2²³ trick and the exponent comes from the integer bits of that sum.
enum FastMath {
    /// e^x to about 2 ulp for x in [-87, 88]: 2^n · p(r) with Cephes' polynomial on |r| ≤ ln2/2.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        var v = x < -87.3 ? -87.3 : x
        v = v > 88.3 ? 88.3 : v
        let shifted = v * 1.442_695_04 + 12_582_912  // 1.5·2²³: the sum's low bits are round(v·log2 e)
        let n = shifted - 12_582_912
        let r = v - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p: Float = 1.987_569_1e-4
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 0.166_666_65
        p = p * r + 0.5
        p = p * r * r + r + 1
        let exponentBits = (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23
        return p * Float(bitPattern: exponentBits)
    }

    /// erf(x) to 1.5e-7 absolute (Abramowitz & Stegun 7.1.26).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = Float(bitPattern: x.bitPattern & 0x7FFF_FFFF)
        let t = 1 / (1 + 0.327_591_1 * a)
        var y: Float = 1.061_405_429
        y = y * t - 1.453_152_027
        y = y * t + 1.421_413_741
        y = y * t - 0.284_496_736
        y = y * t + 0.254_829_592
        let value = 1 - y * t * exp(-a * a)
        return Float(bitPattern: value.bitPattern | (x.bitPattern & 0x8000_0000))
    }
}
