/// One HTTP request as `CurlMultiClient` sends it.
///
/// Authentication travels separately from `headers` (see `RequestAuthentication`) so that a
/// request can be logged or stored without ever carrying a credential.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var method: Method
    public var url: String
    /// Extra header lines, `Name: value`.
    public var headers: [String]
    public var body: [UInt8]
    public var authentication: RequestAuthentication
    public var timeouts: HTTPTimeouts

    public init(
        method: Method, url: String, headers: [String] = [], body: [UInt8] = [],
        authentication: RequestAuthentication = .none, timeouts: HTTPTimeouts = HTTPTimeouts()
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.authentication = authentication
        self.timeouts = timeouts
    }
}

/// Timeouts for one request.
///
/// A non-streaming generation request sends nothing until the whole completion is ready, so
/// there is no low-speed check (libcurl's would fire while the server is still generating):
/// only a connect timeout and a total timeout longer than the longest generation.
public struct HTTPTimeouts: Sendable, Hashable, Codable {
    public var connectMilliseconds: Int
    public var totalMilliseconds: Int

    public init(connectMilliseconds: Int = 10_000, totalMilliseconds: Int = 120_000) {
        self.connectMilliseconds = connectMilliseconds
        self.totalMilliseconds = totalMilliseconds
    }
}
