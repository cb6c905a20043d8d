/// The fixed sentences `adeaug scan` looks for (test sentences and candidates), held in memory
/// while the shards stream past.
///
/// Every n-gram of every query is kept (not winnowed: the query set is small), so a scan finds
/// any span of `gram` (8) words shared with a document, and any query shorter than that found
/// as a whole sentence of a document. A bit filter in front of the hash table answers "no" for
/// almost every document n-gram with one memory read: that lookup is the scan's inner loop.
public struct ScanQuerySet: Sendable {
    public let queries: [InputSentence]
    public let settings: NGramSettings
    /// n-gram hash → queries holding it.
    private var owners: [UInt64: [Int32]] = [:]
    /// Distinct hashes per query: its n-grams, plus its whole-sentence hash when it is shorter
    /// than `guaranteedSpan` words. A document holding the query verbatim as a sentence matches
    /// every one of them.
    private(set) var gramCounts: [Int]
    /// Bit per (hash mod size): set for every query hash.
    private var filter: [UInt64]
    private let filterMask: UInt64

    public init(queries: [InputSentence], settings: NGramSettings = .default) {
        self.queries = queries
        self.settings = settings
        var bits = 1 << 20
        while bits < queries.count * 64 * 8 { bits <<= 1 }
        filter = [UInt64](repeating: 0, count: bits / 64)
        filterMask = UInt64(bits - 1)
        gramCounts = []
        let tokenizer = WebTextTokenizer()
        for (number, query) in queries.enumerated() {
            let tokens = tokenizer.tokenize(query.text).tokens
            var hashes = Set(Winnowing.gramHashes(tokens, gram: settings.gram))
            if tokens.count < settings.guaranteedSpan, !tokens.isEmpty {
                hashes.insert(Winnowing.sentenceHash(tokens[...]))
            }
            gramCounts.append(hashes.count)
            for hash in hashes {
                owners[hash, default: []].append(Int32(number))
                let bit = hash & filterMask
                filter[Int(bit >> 6)] |= 1 << (bit & 63)
            }
        }
    }

    /// Queries holding `hash`, or nil (fast) when none does.
    @inline(__always)
    func owners(of hash: UInt64) -> [Int32]? {
        let bit = hash & filterMask
        guard filter[Int(bit >> 6)] & (1 << (bit & 63)) != 0 else { return nil }
        return owners[hash]
    }
}
