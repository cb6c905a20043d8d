/// An error answer's message and type, as far as they could be read.
public struct ErrorDetails: Sendable, Hashable {
    public var message: String
    public var type: String?
    /// SageMaker ModelError: the status the container itself answered.
    public var originalStatus: Int?
}
