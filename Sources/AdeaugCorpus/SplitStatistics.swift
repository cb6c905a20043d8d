import AdeaugCore

/// Counts of one split side.
public struct LabelCounts: Sendable, Hashable, Codable {
    public var positive = 0
    public var negative = 0
    public var total: Int { positive + negative }

    mutating func add(_ label: Label) {
        if label == .adverseEvent { positive += 1 } else { negative += 1 }
    }

    private enum CodingKeys: String, CodingKey { case positive, negative, total }

    public init() {}

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        positive = try container.decode(Int.self, forKey: .positive)
        negative = try container.decode(Int.self, forKey: .negative)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(positive, forKey: .positive)
        try container.encode(negative, forKey: .negative)
        try container.encode(total, forKey: .total)
    }
}

/// How many test examples also stand in train: the leakage a split has.
public struct SplitOverlap: Sendable, Hashable, Codable {
    /// Test examples whose exact text is a training example.
    public var exact = LabelCounts()
    /// Test examples whose normalised text is a training example's.
    public var normalized = LabelCounts()
    /// Share of test positives with an exact copy in train.
    public var exactPositiveShare: Double
}

/// Words per sentence (split on whitespace).
public struct LengthDistribution: Sendable, Hashable, Codable {
    public var min: Int
    public var p25: Int
    public var median: Int
    public var mean: Double
    public var p75: Int
    public var p95: Int
    public var max: Int

    init(_ lengths: [Int]) {
        let sorted = lengths.sorted()
        func quantile(_ q: Double) -> Int {
            sorted.isEmpty ? 0 : sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
        }
        min = sorted.first ?? 0
        max = sorted.last ?? 0
        p25 = quantile(0.25)
        median = quantile(0.5)
        p75 = quantile(0.75)
        p95 = quantile(0.95)
        mean = sorted.isEmpty ? 0 : (Double(sorted.reduce(0, +)) / Double(sorted.count) * 10).rounded() / 10
    }
}

/// The per-split figures of a split corpus, from its examples.
public struct SplitStatistics: Sendable, Hashable, Codable {
    public var train = LabelCounts()
    public var test = LabelCounts()
    public var overlap: SplitOverlap
    public var trainLengths: LengthDistribution
    public var testLengths: LengthDistribution
    public var trainPMIDs: Int
    public var testPMIDs: Int
    /// PubMed IDs with sentences on both sides (0 for the grouped split).
    public var sharedPMIDs: Int

    public init(examples: [NewExample]) {
        var trainTexts = Set<String>(), trainNormalized = Set<String>()
        var trainPMIDSet = Set<String>(), testPMIDSet = Set<String>()
        var trainLengthList: [Int] = [], testLengthList: [Int] = []
        for example in examples where example.split == .train {
            train.add(example.label)
            trainTexts.insert(example.text)
            trainNormalized.insert(example.normalized)
            trainPMIDSet.formUnion(example.pmids)
            trainLengthList.append(Self.wordCount(example.text))
        }
        var exact = LabelCounts(), normalized = LabelCounts()
        for example in examples where example.split == .test {
            test.add(example.label)
            testPMIDSet.formUnion(example.pmids)
            testLengthList.append(Self.wordCount(example.text))
            if trainTexts.contains(example.text) { exact.add(example.label) }
            if trainNormalized.contains(example.normalized) { normalized.add(example.label) }
        }
        overlap = SplitOverlap(
            exact: exact, normalized: normalized,
            exactPositiveShare: test.positive == 0 ? 0 : Double(exact.positive) / Double(test.positive))
        trainLengths = LengthDistribution(trainLengthList)
        testLengths = LengthDistribution(testLengthList)
        trainPMIDs = trainPMIDSet.count
        testPMIDs = testPMIDSet.count
        sharedPMIDs = trainPMIDSet.intersection(testPMIDSet).count
    }

    /// Words separated by whitespace. Scalars rather than Characters: grapheme breaking made
    /// this the slowest step of an ingest, and whitespace is a property of scalars anyway.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)) : scalar.properties.isWhitespace
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }
}
