import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The servers a benchmark has running, stopped when the benchmark itself is told to stop
/// (SIGINT, SIGTERM): the benchmark then exits with 128 + the signal, as the default action
/// would have, but without leaving its server processes behind (a child is not stopped with its
/// parent unless the whole process group gets the signal, as Ctrl-C sends it and `kill` does
/// not).
///
/// The signals are handled from a dispatch source, not an async-signal handler, so stopping a
/// server may wait and allocate; their previous dispositions come back with `release()`.
final class ServersStoppedOnSignal: @unchecked Sendable {
    static let signals = [SIGINT, SIGTERM]

    private let lock = NSLock()
    private var running: [ObjectIdentifier: ServerProcess] = [:]
    private var sources: [DispatchSourceSignal] = []
    private var previous: [(signal: Int32, handler: sighandler_t?)] = []

    init() {
        for number in Self.signals {
            // Ignored at the process level so that only the dispatch source sees it.
            previous.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in stopAll(exitingFor: number) }
            source.resume()
            sources.append(source)
        }
    }

    func add(_ server: ServerProcess) {
        lock.lock()
        defer { lock.unlock() }
        running[ObjectIdentifier(server)] = server
    }

    func remove(_ server: ServerProcess) {
        lock.lock()
        defer { lock.unlock() }
        running.removeValue(forKey: ObjectIdentifier(server))
    }

    /// Stops handling the signals: what the process did on them before applies again.
    func release() {
        for source in sources { source.cancel() }
        sources = []
        for (number, handler) in previous { signal(number, handler ?? SIG_DFL) }
        previous = []
    }

    private func stopAll(exitingFor number: Int32) {
        lock.lock()
        let servers = Array(running.values)
        lock.unlock()
        for server in servers { server.stop() }
        FileHandle.standardError.write(Data("bench serve: stopped by signal \(number); its servers are stopped\n".utf8))
        exit(128 + number)
    }
}
