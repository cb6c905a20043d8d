/// The sentences of one sentence file and the shape they were read in.
public struct SentenceFile: Sendable, Hashable {
    public var format: SentenceFileFormat
    public var sentences: [SentenceRecord]

    public init(format: SentenceFileFormat, sentences: [SentenceRecord]) {
        self.format = format
        self.sentences = sentences
    }
}
