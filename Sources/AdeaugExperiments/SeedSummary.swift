import Foundation

/// Mean and sample standard deviation of one score over training seeds.
public struct SeedSummary: Sendable, Hashable, Codable {
    public var mean: Double
    public var standardDeviation: Double
    public var values: [Double]

    public init(_ values: [Double]) {
        self.values = values
        let count = Double(values.count)
        mean = values.isEmpty ? .nan : values.reduce(0, +) / count
        if values.count < 2 {
            standardDeviation = 0
        } else {
            let m = mean
            standardDeviation = sqrt(values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (count - 1))
        }
    }
}
