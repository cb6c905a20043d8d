/// What came back for one request: a status and body, or a transport failure.
public struct HTTPResult: Sendable {
    /// The caller's tag given to `CurlMultiClient.start`.
    public var tag: Int
    /// HTTP status; 0 when no response arrived.
    public var status: Int
    public var body: [UInt8]
    /// Seconds from `Retry-After` (either form), when the server sent one.
    public var retryAfterSeconds: Int?
    /// Set when the transfer failed below HTTP (timeout, refused, reset).
    public var transportError: TransportError?
    public var latencySeconds: Double

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

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
