/// The loopback server could not start (no socket, or 127.0.0.1 refused the listener).
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var message: String

    public var description: String { "loopback server: \(message)" }
}
