/// A 2xx answer that could not be read as a completion.
public struct ResponseParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
