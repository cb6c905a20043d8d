import AdeaugGeneration  // LoopbackServer, until it moves to a test-support target
import Foundation

/// A temporary folder removed when the value goes.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "adeaug-transport-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Thread-safe log of what a test server received.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [LoopbackServer.Request] = []

    func append(_ request: LoopbackServer.Request) {
        lock.lock()
        entries.append(request)
        lock.unlock()
    }

    var requests: [LoopbackServer.Request] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }
}

/// A counter shared with a server handler.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds one and returns the new value.
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
