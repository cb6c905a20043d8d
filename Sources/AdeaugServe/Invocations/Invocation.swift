/// One parsed `/invocations` request: the sentences to classify and how to answer.
public struct Invocation: Sendable, Equatable {
    public var texts: [String]
    public var parameters: InvocationParameters
    /// `{"inputs": [...]}`, JSON Lines and CSV answer one entry per input; a single
    /// `{"inputs": "..."}` answers the one input's labels alone.
    public var isBatch: Bool

    public init(texts: [String], parameters: InvocationParameters = InvocationParameters(), isBatch: Bool) {
        self.texts = texts
        self.parameters = parameters
        self.isBatch = isBatch
    }
}
