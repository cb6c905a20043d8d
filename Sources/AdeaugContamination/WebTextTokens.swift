/// Tokens of a text and where its sentences end (exclusive token offsets, increasing, the last
/// one equal to `tokens.count`).
public struct WebTextTokens: Sendable, Hashable {
    public var tokens: [UInt64]
    public var sentenceEnds: [Int]
}
