import AdeaugCore

/// The quality of one group of generated sentences: how many pass each gate, how varied the
/// kept ones are, how close they sit to training, and what they name.
public struct SyntheticSetQuality: Sendable, Hashable, Codable {
    public struct GateCount: Sendable, Hashable, Codable {
        public var gate: String
        /// Sentences that reached this gate.
        public var entered: Int
        /// Of those, how many passed it.
        public var passed: Int
        /// nil when the gate did not run (the label filter before `rebalance`).
        public var ran: Bool

        public var rate: Double? { ran && entered > 0 ? Double(passed) / Double(entered) : nil }
    }

    /// Quartiles of the word edit distance to the nearest training sentence, and counts per bucket.
    public struct DistanceDistribution: Sendable, Hashable, Codable {
        public var minimum: Int
        public var lowerQuartile: Double
        public var median: Double
        public var upperQuartile: Double
        public var maximum: Int
        /// Bucket label (`0`, `1–2`, `3–5`, `6–10`, `11–20`, `>20`) and count, in that order.
        public var buckets: [Bucket]

        public struct Bucket: Sendable, Hashable, Codable {
            public var label: String
            public var count: Int
        }

        static let bounds: [(label: String, range: ClosedRange<Int>)] = [
            ("0", 0...0), ("1–2", 1...2), ("3–5", 3...5), ("6–10", 6...10), ("11–20", 11...20), (">20", 21...Int.max),
        ]

        init?(_ values: [Int]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            minimum = sorted.first!
            maximum = sorted.last!
            lowerQuartile = Self.quantile(sorted, 0.25)
            median = Self.quantile(sorted, 0.5)
            upperQuartile = Self.quantile(sorted, 0.75)
            buckets = Self.bounds.map { bound in Bucket(label: bound.label, count: sorted.filter { bound.range.contains($0) }.count) }
        }

        /// Linear interpolation between order statistics (numpy's default).
        static func quantile(_ sorted: [Int], _ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let low = Int(position.rounded(.down))
            let high = min(low + 1, sorted.count - 1)
            return Double(sorted[low]) + (position - Double(low)) * Double(sorted[high] - sorted[low])
        }
    }

    public var strategy: String
    public var template: String
    public var conditioning: String
    public var generated: Int
    public var gates: [GateCount]
    public var kept: Int
    /// distinct-1, -2 and -3 of the kept sentences.
    public var distinct: [Double?]
    public var distance: DistanceDistribution?
    public var drugsNamed: Int
    public var effectsNamed: Int
    /// Label-filter scores in ten bins of width 0.1 ([0, 0.1), …, [0.9, 1.0]); nil when none were stored.
    public var scoreHistogram: [Int]?

    /// What the real training positives give for the same measures: the yardstick of a group.
    public struct Reference: Sendable, Hashable, Codable {
        public var sentences: Int
        public var distinct: [Double?]
        public var drugsNamed: Int
        public var effectsNamed: Int
    }
}

/// Computes `SyntheticSetQuality` for groups against the real training split.
public struct SyntheticSetQualityMeasurer: Sendable {
    private let nearest: NearestTrainingDistance
    private let drugs: NamedTerms
    private let effects: NamedTerms
    public let reference: SyntheticSetQuality.Reference

    /// - Parameters:
    ///   - training: every training sentence (the nearest one is searched among all of them).
    ///   - realPositives: the training positives, the yardstick for variety and names.
    ///   - pairs: the training split's annotated drug–effect pairs, the names looked for.
    public init(training: [String], realPositives: [String], pairs: [DrugEffectPair]) {
        nearest = NearestTrainingDistance(training: training)
        drugs = NamedTerms(names: pairs.map(\.drug))
        effects = NamedTerms(names: pairs.map(\.effect))
        reference = SyntheticSetQuality.Reference(
            sentences: realPositives.count, distinct: (1...3).map { DistinctNGrams.ratio(realPositives, n: $0) },
            drugsNamed: drugs.distinct(in: realPositives).count, effectsNamed: effects.distinct(in: realPositives).count)
    }

    public func measure(_ group: GeneratedSentenceGroup) -> SyntheticSetQuality {
        let sentences = group.sentences
        func count(reaching gate: GeneratedSentence.Gate) -> Int { sentences.filter { $0.stoppedAt >= gate }.count }
        let afterFilters = count(reaching: .contamination)
        let afterContamination = count(reaching: .labelFilter)
        let kept = sentences.filter { $0.stoppedAt == .kept }.map(\.text)
        let gates = [
            SyntheticSetQuality.GateCount(gate: "generation filters", entered: sentences.count, passed: afterFilters, ran: true),
            SyntheticSetQuality.GateCount(gate: "contamination", entered: afterFilters, passed: afterContamination, ran: true),
            SyntheticSetQuality.GateCount(
                gate: "label filter", entered: afterContamination, passed: group.labelFilterRan ? kept.count : afterContamination,
                ran: group.labelFilterRan),
        ]
        let scores = sentences.compactMap(\.labelScore)
        var histogram: [Int]?
        if !scores.isEmpty {
            var bins = [Int](repeating: 0, count: 10)
            for score in scores { bins[min(9, max(0, Int(score * 10)))] += 1 }
            histogram = bins
        }
        return SyntheticSetQuality(
            strategy: group.strategy, template: group.template, conditioning: group.conditioning,
            generated: sentences.count, gates: gates, kept: kept.count,
            distinct: (1...3).map { DistinctNGrams.ratio(kept, n: $0) },
            distance: SyntheticSetQuality.DistanceDistribution(kept.compactMap { nearest.distance($0) }),
            drugsNamed: drugs.distinct(in: kept).count, effectsNamed: effects.distinct(in: kept).count,
            scoreHistogram: histogram)
    }
}
