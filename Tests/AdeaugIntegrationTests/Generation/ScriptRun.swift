import Foundation

@testable import AdeaugGeneration

/// Runs a script of `scripts/` with bash and waits for it with `waitpid`.
///
/// Not with Foundation's `Process`: on Linux it learns that a child ended when a socket it
/// shares with the child closes, and a server that the script leaves running inherits that
/// socket, so `waitUntilExit` would wait for the server to stop. For the same reason the shell
/// closes every descriptor above 2 before running the script, so that what it starts holds
/// none of this process's (another test's `Process` socket among them).
enum ScriptRun {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `scripts/NAME ARGUMENTS...` with `environment` added to this process's; its wait status.
    /// A script still running after `timeout` is killed and reported as an error: a stuck
    /// script fails its test, never hangs it.
    @discardableResult
    static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60)
    ) throws -> Int32 {
        let script = repository + "/scripts/" + name
        let command = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec /bin/bash "$0" "$@" </dev/null"#
        let argv = ["/bin/bash", "-c", command, script] + arguments
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { "\($0.key)=\($0.value)" }
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = envp.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw GenerationError.endpointNotReady("cannot run \(script) (error \(spawned))") }
        var status: Int32 = 0
        let deadline = ContinuousClock.now + timeout
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw GenerationError.endpointNotReady("\(script) \(arguments.joined(separator: " ")) did not finish in \(timeout)")
            }
            usleep(50_000)
        }
        return status
    }
}

/// What /proc says of a process: its state and the signals it blocks and ignores.
struct ProcessStatus {
    var name: String
    var state: Character
    var blocked: UInt64
    var ignored: UInt64

    init?(_ pid: pid_t) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let name = fields["Name"], let state = fields["State"]?.first,
            let blocked = fields["SigBlk"].flatMap({ UInt64($0, radix: 16) }),
            let ignored = fields["SigIgn"].flatMap({ UInt64($0, radix: 16) })
        else { return nil }
        (self.name, self.state, self.blocked, self.ignored) = (name, state, blocked, ignored)
    }

    /// Gone, or a zombie: it has ended and waits only for its parent to reap it.
    static func hasEnded(_ pid: pid_t) -> Bool {
        guard let status = ProcessStatus(pid) else { return true }
        return status.state == "Z"
    }

    func blocks(_ signal: Int32) -> Bool { blocked & (1 << UInt64(signal - 1)) != 0 }
    func ignores(_ signal: Int32) -> Bool { ignored & (1 << UInt64(signal - 1)) != 0 }
}
