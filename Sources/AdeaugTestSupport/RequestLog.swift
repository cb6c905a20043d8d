import Foundation

/// Thread-safe log of what a test server received.
public final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [LoopbackServer.Request] = []

    public init() {}

    public func append(_ request: LoopbackServer.Request) {
        lock.lock()
        entries.append(request)
        lock.unlock()
    }

    public var requests: [LoopbackServer.Request] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    public var count: Int { requests.count }
}
