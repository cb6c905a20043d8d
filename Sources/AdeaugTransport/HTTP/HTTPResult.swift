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

    public init(
        tag: Int, status: Int, body: [UInt8], retryAfterSeconds: Int?, transportError: TransportError?,
        latencySeconds: Double
    ) {
        self.tag = tag
        self.status = status
        self.body = body
        self.retryAfterSeconds = retryAfterSeconds
        self.transportError = transportError
        self.latencySeconds = latencySeconds
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
