import Foundation

/// Runs a scheduler's command (`sbatch`, `squeue`, `sacct`, `scancel`) found on PATH and
/// returns what it printed. A value holding a closure, so tests can stand in for Slurm.
public struct CommandRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String

        public init(status: Int32, output: String, errors: String) {
            self.status = status
            self.output = output
            self.errors = errors
        }
    }

    public var run: @Sendable ([String]) throws -> Result

    public init(run: @escaping @Sendable ([String]) throws -> Result) {
        self.run = run
    }

    /// The real commands, through `/usr/bin/env` so PATH decides.
    public static let system = CommandRunner { arguments in
        guard let command = arguments.first, Self.onPath(command) else { throw JobError.commandMissing(arguments.first ?? "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a full pipe would otherwise block the child forever.
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complained = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
            errors: String(decoding: complained, as: UTF8.self))
    }

    public static func onPath(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// Runs and insists on exit status 0.
    public func checked(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw JobError.commandFailed(
                command: arguments.joined(separator: " "), status: result.status,
                output: (result.errors + result.output).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.output
    }
}
