import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 with a scriptable handler: what the benchmarks measure
/// the client against, and what the tests use to inject faults (429 with Retry-After, 5xx,
/// malformed bodies, dropped connections, answers that never come).
///
/// One thread per connection over blocking POSIX sockets: simple, and at the benchmark's 64
/// connections cheap enough that the client, not the server, is what is measured. Loopback
/// only: it binds 127.0.0.1 and nothing else. Whoever starts it stops it.
public final class LoopbackServer: @unchecked Sendable {
    /// One request as the server read it.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names in lower case.
        public var headers: [String: String]
        public var body: [UInt8]
        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    public enum Reply: Sendable {
        case respond(status: Int, headers: [String] = [], body: [UInt8])
        /// Closes the connection without answering.
        case drop
        /// Never answers (until the server stops or the client gives up).
        case hang

        public static func json(_ status: Int, _ text: String, headers: [String] = []) -> Reply {
            .respond(status: status, headers: ["Content-Type: application/json"] + headers, body: Array(text.utf8))
        }
    }

    public typealias Handler = @Sendable (Request) -> Reply

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false
    private let stopSignal = DispatchSemaphore(value: 0)
    private var hangingCount = 0
    private var accepted = 0

    /// Connections accepted so far (keep-alive shows as far fewer connections than requests).
    public var connectionsAccepted: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    public init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackServerError(message: "socket() failed (errno \(errno))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else {
            close(fd)
            throw LoopbackServerError(message: "cannot listen on 127.0.0.1 (errno \(errno))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            _ = $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.stackSize = 256 * 1024
        thread.start()
    }

    deinit { stop() }

    /// Closes the listener and every connection; hanging requests end.
    public func stop() {
        lock.lock()
        if stopped {
            lock.unlock()
            return
        }
        stopped = true
        // Under the lock: a connection leaves `connections` before its descriptor is closed, so
        // every number in the set is still this server's socket. Shut down after the lock, a
        // number could already belong to another server's (or the client's) new socket.
        for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
        let hanging = hangingCount
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for _ in 0..<hanging { stopSignal.signal() }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.lock()
            if stopped {
                lock.unlock()
                close(fd)
                return
            }
            connections.insert(fd)
            accepted += 1
            lock.unlock()
            var yes: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(fd) }
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            lock.lock()
            connections.remove(fd)
            lock.unlock()
            close(fd)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // Read until a whole request (headers and Content-Length body) is buffered.
            var parsed: (request: Request, length: Int)?
            var sentContinue = false
            while parsed == nil {
                switch Self.parse(buffer) {
                case .complete(let request, let length):
                    parsed = (request, length)
                case .needBody(let expectsContinue):
                    if expectsContinue && !sentContinue {
                        sentContinue = true
                        guard write(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
                    }
                    fallthrough
                case .incomplete:
                    let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if count <= 0 { return }
                    buffer.append(contentsOf: chunk[0..<count])
                case .invalid:
                    return
                }
            }
            guard let (request, length) = parsed else { return }
            buffer.removeFirst(length)
            switch handler(request) {
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Length: \(body.count)\r\n"
                for header in headers { head += header + "\r\n" }
                head += "\r\n"
                guard write(fd, Array(head.utf8) + body) else { return }
            case .drop:
                return
            case .hang:
                lock.lock()
                if stopped {
                    lock.unlock()
                    return
                }
                hangingCount += 1
                lock.unlock()
                // Held until the server stops or the client closes (its timeout).
                while true {
                    if stopSignal.wait(timeout: .now() + .milliseconds(100)) == .success { return }
                    var probe: UInt8 = 0
                    let peeked = recv(fd, &probe, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
                    if peeked == 0 || (peeked < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                        lock.lock()
                        hangingCount -= 1
                        lock.unlock()
                        return
                    }
                }
            }
        }
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    private enum ParseResult {
        case complete(Request, Int)
        case needBody(expectsContinue: Bool)
        case incomplete
        case invalid
    }

    private static func parse(_ buffer: [UInt8]) -> ParseResult {
        guard buffer.count >= 4 else { return .incomplete }
        var end = -1
        var index = 0
        while index + 3 < buffer.count {
            if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                end = index
                break
            }
            index += 1
        }
        guard end >= 0 else { return buffer.count > 64 * 1024 ? .invalid : .incomplete }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return .invalid }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyLength = Int(headers["content-length"] ?? "0") ?? 0
        let total = end + 4 + bodyLength
        guard buffer.count >= total else {
            return .needBody(expectsContinue: headers["expect"]?.lowercased() == "100-continue")
        }
        let request = Request(
            method: String(requestLine[0]), path: String(requestLine[1]), headers: headers,
            body: Array(buffer[(end + 4)..<total]))
        return .complete(request, total)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 422: "Unprocessable Entity"
        case 424: "Failed Dependency"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
