import AdeaugCore

/// Assigns train or test to every example, deterministically from the seed.
public struct Splitter: Sendable {
    public var method: SplitMethod
    public var testFraction: Double
    public var seed: UInt64

    public init(method: SplitMethod, testFraction: Double = 0.2, seed: UInt64 = 42) {
        self.method = method
        self.testFraction = testFraction
        self.seed = seed
    }

    /// Splits distinct sentences (all methods but `rows`).
    public func split(_ sentences: [DistinctSentence]) throws -> [NewExample] {
        let sides: [SplitName]
        switch method {
        case .stratified: sides = stratified(sentences)
        case .grouped: sides = grouped(sentences)
        case .given:
            sides = try sentences.map { sentence in
                guard let side = sentence.givenSplit else {
                    throw CorpusError.invalidOption("--split given needs input that comes split: a folder with train and test files.")
                }
                return side
            }
        case .rows:
            throw CorpusError.invalidOption("the rows protocol splits raw rows; use split(rows:)")
        }
        return zip(sentences, sides).map { sentence, side in
            NewExample(
                text: sentence.text, normalized: sentence.normalized, label: sentence.label, split: side,
                pmids: sentence.pmids, source: sentence.source, rowCount: sentence.rowCount)
        }
    }

    /// The published protocol: every raw row is an example, duplicates kept.
    public func split(rows: [CorpusRow], normalizer: TextNormalizer = TextNormalizer()) -> [NewExample] {
        var generator = SeededGenerator(seed: seed)
        let order = Array(rows.indices).deterministicallyShuffled(using: &generator)
        let testCount = Int((Double(rows.count) * testFraction).rounded())
        var sides = [SplitName](repeating: .train, count: rows.count)
        for index in order.prefix(testCount) { sides[index] = .test }
        return zip(rows, sides).map { row, side in
            NewExample(
                text: row.text, normalized: normalizer.normalize(row.text), label: row.label, split: side,
                pmids: row.pmid.map { [$0] } ?? [], source: row.source, rowCount: 1)
        }
    }

    /// Per label: shuffle, then the first `round(n × fraction)` go to test.
    private func stratified(_ sentences: [DistinctSentence]) -> [SplitName] {
        var generator = SeededGenerator(seed: seed)
        var sides = [SplitName](repeating: .train, count: sentences.count)
        for label in Label.allCases {
            let members = sentences.indices.filter { sentences[$0].label == label }
            let testCount = Int((Double(members.count) * testFraction).rounded())
            for index in members.deterministicallyShuffled(using: &generator).prefix(testCount) {
                sides[index] = .test
            }
        }
        return sides
    }

    /// Groups are the connected components of "shares a PubMed ID" (a sentence can occur in
    /// several abstracts). Groups are taken in seeded random order and put in test while that
    /// keeps both labels' test counts within their targets, so the class balance holds too.
    private func grouped(_ sentences: [DistinctSentence]) -> [SplitName] {
        var components = UnionFind(count: sentences.count)
        var firstSentenceOfPMID: [String: Int] = [:]
        for (index, sentence) in sentences.enumerated() {
            for pmid in sentence.pmids {
                if let other = firstSentenceOfPMID[pmid] {
                    components.union(index, other)
                } else {
                    firstSentenceOfPMID[pmid] = index
                }
            }
        }
        var members: [Int: [Int]] = [:]
        for index in sentences.indices { members[components.find(index), default: []].append(index) }
        // Order groups by their first sentence before shuffling: dictionary order is not stable.
        let groups = members.values.sorted { $0[0] < $1[0] }

        var generator = SeededGenerator(seed: seed)
        var target: [Label: Int] = [:]
        for label in Label.allCases {
            let count = sentences.lazy.filter { $0.label == label }.count
            target[label] = Int((Double(count) * testFraction).rounded())
        }
        var inTest: [Label: Int] = [.adverseEvent: 0, .notAdverseEvent: 0]
        var sides = [SplitName](repeating: .train, count: sentences.count)
        for group in groups.deterministicallyShuffled(using: &generator) {
            let positives = group.lazy.filter { sentences[$0].label == .adverseEvent }.count
            let negatives = group.count - positives
            guard inTest[.adverseEvent]! + positives <= target[.adverseEvent]!,
                inTest[.notAdverseEvent]! + negatives <= target[.notAdverseEvent]!
            else { continue }
            inTest[.adverseEvent]! += positives
            inTest[.notAdverseEvent]! += negatives
            for index in group { sides[index] = .test }
        }
        return sides
    }
}

/// Disjoint sets over `0..<count` with path halving.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) {
        parent = Array(0..<count)
    }

    mutating func find(_ element: Int) -> Int {
        var node = element
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    mutating func union(_ a: Int, _ b: Int) {
        let rootA = find(a), rootB = find(b)
        if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
    }
}
