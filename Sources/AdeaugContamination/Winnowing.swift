/// Fingerprints of a token sequence: rolling hashes of its `gram`-word n-grams, thinned by
/// winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003): in every window of `window`
/// consecutive n-gram hashes the smallest is kept (the rightmost on ties), each kept position once.
enum Winnowing {
    struct Fingerprint: Sendable, Hashable {
        /// Index of the n-gram's first token.
        var position: Int
        var hash: UInt64
    }

    static func fingerprints(_ tokens: [UInt64], settings: NGramSettings) -> [Fingerprint] {
        let hashes = gramHashes(tokens, gram: settings.gram)
        guard !hashes.isEmpty else { return [] }
        let window = min(settings.window, hashes.count)
        var result: [Fingerprint] = []
        result.reserveCapacity(2 * hashes.count / (window + 1) + 2)
        var lastPosition = -1
        for start in 0...(hashes.count - window) {
            var best = start
            for index in start..<(start + window) where hashes[index] <= hashes[best] { best = index }
            if best != lastPosition {
                result.append(Fingerprint(position: best, hash: hashes[best]))
                lastPosition = best
            }
        }
        return result
    }

    /// Polynomial rolling hash of every n-gram (mod 2^64), then mixed so that the order of
    /// hashes, which winnowing depends on, is uniform.
    static func gramHashes(_ tokens: [UInt64], gram: Int) -> [UInt64] {
        guard tokens.count >= gram, gram > 0 else { return [] }
        let base: UInt64 = 0x100_0000_01B3 | 1
        var power: UInt64 = 1
        for _ in 1..<max(gram, 1) { power = power &* base }
        var rolling: UInt64 = 0
        var hashes: [UInt64] = []
        hashes.reserveCapacity(tokens.count - gram + 1)
        for index in 0..<tokens.count {
            if index >= gram { rolling = rolling &- tokens[index - gram] &* power }
            rolling = rolling &* base &+ tokens[index]
            if index >= gram - 1 { hashes.append(mix(rolling)) }
        }
        return hashes
    }

    /// The hash a whole (short) sentence is stored under; seeded apart from n-gram hashes.
    static func sentenceHash(_ tokens: ArraySlice<UInt64>) -> UInt64 {
        var hash: UInt64 = 0x5E47_E9CE_0000_0001
        for token in tokens { hash = (hash ^ token) &* 0x9E37_79B9_7F4A_7C15; hash ^= hash >> 31 }
        return mix(hash ^ UInt64(tokens.count))
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
