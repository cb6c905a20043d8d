/// A batch of tokenised sentences packed end to end (no padding): sequence b is tokens
/// `starts[b] ..< starts[b] + lengths[b]` of `tokenIDs`, its [CLS] at `starts[b]`.
public struct BertBatch: Sendable {
    public var tokenIDs: [Int32]
    public var lengths: [Int]
    public var starts: [Int]
    /// One label per sequence when training or evaluating; empty for prediction.
    public var labels: [Int]

    public init(sequences: [[Int32]], labels: [Int] = []) {
        precondition(labels.isEmpty || labels.count == sequences.count)
        tokenIDs = sequences.flatMap { $0 }
        lengths = sequences.map(\.count)
        var starts: [Int] = []
        var next = 0
        for length in lengths {
            starts.append(next)
            next += length
        }
        self.starts = starts
        self.labels = labels
    }

    public var count: Int { lengths.count }
    public var tokenCount: Int { tokenIDs.count }
    public var maxLength: Int { lengths.max() ?? 0 }
}
