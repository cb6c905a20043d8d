import Foundation

/// Which URLs the client may send prompts and credentials to: `https://` anywhere (with
/// certificate verification), plain `http://` only to this machine unless the user asks.
public struct URLPolicy: Sendable {
    public var allowInsecureHTTP: Bool

    public init(allowInsecureHTTP: Bool) {
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    public func check(_ url: String) throws(HTTPClientError) {
        // An "@" may mean user:password@host, even where the URL does not parse (a password
        // with a "/" in it): such a URL is refused without ever being quoted.
        let hidden = "(hidden: it may hold credentials)"
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw .invalidURL(url: url.contains("@") ? hidden : url, reason: "not an absolute http(s) URL") }
        if components.user != nil || components.password != nil || components.percentEncodedHost?.contains("@") == true {
            throw .invalidURL(url: hidden, reason: "credentials in the URL would be logged and stored; use --token-env or --token-file")
        }
        switch scheme {
        case "https":
            return
        case "http":
            if allowInsecureHTTP || Self.isLoopback(host) { return }
            throw .invalidURL(
                url: url,
                reason: "plain http:// is allowed only to 127.0.0.1, ::1 or localhost; use https:// or pass --allow-insecure-http")
        default:
            throw .invalidURL(url: url, reason: "only http:// and https:// are supported")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
            && host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}
