/// A transfer that failed below HTTP, as libcurl reported it.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// Timed out (connect or total).
        case timeout
        /// Refused, reset, closed without an answer: worth retrying.
        case connection
        /// TLS verification, bad URL, unsupported protocol: retrying cannot help.
        case configuration
    }

    public var kind: Kind
    public var curlCode: Int
    public var message: String

    public var description: String { "\(message) (curl error \(curlCode))" }
}
