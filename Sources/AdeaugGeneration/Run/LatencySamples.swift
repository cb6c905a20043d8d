/// Latencies of answered requests, for the percentiles the progress line shows.
struct LatencySamples {
    private var seconds: [Double] = []

    mutating func add(_ latencySeconds: Double) { seconds.append(latencySeconds) }

    /// Median and 95th percentile in milliseconds; nil before the first answer.
    var percentilesMilliseconds: (p50: Double, p95: Double)? {
        guard !seconds.isEmpty else { return nil }
        let sorted = seconds.sorted()
        return (1000 * sorted[(sorted.count - 1) / 2], 1000 * sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))])
    }
}
