/// A small deterministic random number generator (SplitMix64).
///
/// The standard library's `SystemRandomNumberGenerator` cannot be seeded, and splits, prompts
/// and dropout masks must be reproducible from a `--seed`: the same seed gives the same output
/// on every machine and Swift version, which is why shuffling is done by `shuffled(using:)`
/// below rather than by the standard library's unspecified algorithm.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

extension Array {
    /// Fisher–Yates with `SeededGenerator`: a fixed algorithm, so a seed means the same order everywhere.
    public func deterministicallyShuffled(using generator: inout SeededGenerator) -> [Element] {
        var copy = self
        guard copy.count > 1 else { return copy }
        for i in stride(from: copy.count - 1, to: 0, by: -1) {
            let j = generator.nextInt(below: i + 1)
            copy.swapAt(i, j)
        }
        return copy
    }
}
