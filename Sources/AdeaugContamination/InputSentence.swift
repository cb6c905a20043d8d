import AdeaugCore

/// A sentence read from a user's file (a candidate or a reference), with where it came from.
public struct InputSentence: Sendable, Hashable {
    /// The JSONL `id` field when there is one, else `FILE:LINE`.
    public var id: String
    public var text: String
    public var source: SourceLocation

    public init(id: String, text: String, source: SourceLocation) {
        self.id = id
        self.text = text
        self.source = source
    }
}
