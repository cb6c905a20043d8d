import AdeaugCore

/// The jitter source of retries: seeded so that a test's timings are reproducible.
public struct SeededRandom: Sendable {
    private var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { generator.nextUnit() }
}
