/// A sentence read from a sentence file, with the file's `id` for it when it has one.
public struct SentenceRecord: Sendable, Hashable {
    public var text: String
    /// The JSON Lines `id` field (a string, or a number as text); nil in plain text.
    public var id: String?
    public var location: SourceLocation

    public init(text: String, id: String? = nil, location: SourceLocation) {
        self.text = text
        self.id = id
        self.location = location
    }
}
