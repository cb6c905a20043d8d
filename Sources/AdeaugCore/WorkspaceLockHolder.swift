import Foundation

/// Who holds a workspace's lock: what the holder writes into `workspace.lock` once it has the
/// lock, so that a refused writer can say which process to wait for or stop.
public struct WorkspaceLockHolder: Codable, Sendable, Equatable, CustomStringConvertible {
    public var processID: Int32
    /// The holder's command line. For an encrypted workspace only the program and its
    /// subcommand: the lock file is in clear, and arguments can name files or sentences.
    public var commandLine: [String]
    public var startedAt: String

    public init(processID: Int32, commandLine: [String], startedAt: String = Timestamp.now()) {
        self.processID = processID
        self.commandLine = commandLine
        self.startedAt = startedAt
    }

    /// This process, as it will appear in another writer's error.
    public static func current(commandLine: [String], encrypted: Bool) -> WorkspaceLockHolder {
        var shown = commandLine
        if let program = shown.first { shown[0] = URL(fileURLWithPath: program).lastPathComponent }
        if encrypted { shown = Array(shown.prefix(2)) }
        return WorkspaceLockHolder(processID: getpid(), commandLine: shown)
    }

    public var description: String {
        "`\(commandLine.joined(separator: " "))` (process \(processID), since \(startedAt))"
    }

    /// Whether the process still exists: a record left by a holder killed before the next one
    /// wrote its own is stale.
    var isAlive: Bool {
        kill(processID, 0) == 0 || errno == EPERM
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    static func decode(_ data: Data) -> WorkspaceLockHolder? {
        try? JSONDecoder().decode(WorkspaceLockHolder.self, from: data)
    }
}
