/// A two-sided interval with its point estimate.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var level: Double

    public init(estimate: Double, lower: Double, upper: Double, level: Double = 0.95) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// The percentile interval of a bootstrap distribution: the values at (1-level)/2 and
    /// 1-(1-level)/2, by linear interpolation between order statistics (numpy's default).
    public static func percentile(of values: [Double], estimate: Double, level: Double = 0.95) -> ConfidenceInterval {
        let sorted = values.sorted()
        let alpha = (1 - level) / 2
        return ConfidenceInterval(
            estimate: estimate, lower: quantile(sorted, alpha), upper: quantile(sorted, 1 - alpha), level: level)
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}
