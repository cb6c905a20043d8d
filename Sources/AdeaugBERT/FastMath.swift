/// Branch-free `exp` and `erf` in plain arithmetic, so loops over activations stay inlinable and
/// vectorisable instead of calling libm once per element (GELU alone is millions of calls a step).
enum FastMath {
    /// e^x to about 2 ulp for x in [-87, 88]: 2^n · p(r) with a degree-6 polynomial on |r| ≤ ln2/2.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -87.3), 88.3)
        let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
        let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p: Float = 1.987_569_1e-4
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 0.166_666_65
        p = p * r + 0.5
        p = p * r * r + r + 1
        let scale = Float(bitPattern: UInt32(bitPattern: Int32(n) + 127) << 23)
        return p * scale
    }

    /// erf(x) to 1.5e-7 absolute (Abramowitz & Stegun 7.1.26).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = abs(x)
        let t = 1 / (1 + 0.327_591_1 * a)
        var y: Float = 1.061_405_429
        y = y * t - 1.453_152_027
        y = y * t + 1.421_413_741
        y = y * t - 0.284_496_736
        y = y * t + 0.254_829_592
        let value = 1 - y * t * exp(-a * a)
        return x < 0 ? -value : value
    }
}
