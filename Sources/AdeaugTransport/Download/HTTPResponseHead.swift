/// The status line and headers of one HTTP response, without its body.
public struct HTTPResponseHead: Sendable, Hashable {
    public var status: Int
    /// Header names in lower case; a repeated header keeps its last value.
    public var headers: [String: String]

    public init(status: Int, headers: [String: String]) {
        self.status = status
        self.headers = headers
    }

    public subscript(name: String) -> String? { headers[name.lowercased()] }

    /// Parses raw header lines as libcurl hands them over, one status line first; a later
    /// status line (a redirect followed, `100 Continue`) starts a fresh head.
    mutating func take(line raw: String) {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
}
