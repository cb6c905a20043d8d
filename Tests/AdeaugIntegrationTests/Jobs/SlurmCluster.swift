import Foundation
import Testing

/// The Slurm cluster the array-job tests submit to: `make integration` starts a one-node one
/// with scripts/slurm-cluster.sh and exports SLURM_CONF; without one the tests are skipped.
enum SlurmCluster {
    static let skipReason: Comment = "needs a running Slurm cluster (sinfo answering) and python3 with pyarrow: `make integration` starts one with scripts/slurm-cluster.sh"

    static let available: Bool = {
        guard let sinfo = try? command(["sinfo", "--noheader", "--format=%T"]), sinfo.status == 0, !sinfo.output.isEmpty else { return false }
        return (try? command(["python3", "-c", "import pyarrow"]).status) == 0
    }()

    /// Runs a command found on PATH and returns its exit status and standard output.
    @discardableResult
    static func command(_ arguments: [String], in folder: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }

    /// Polls until `done` or `seconds` pass; false when they passed.
    static func wait(seconds: Double, until done: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try done() { return true }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return try done()
    }

    /// Whether any task of array job `id` is still in the queue.
    static func queued(_ id: String) -> Bool {
        guard let result = try? command(["squeue", "--noheader", "--array", "--format=%i"]) else { return false }
        return result.output.split(separator: "\n").contains { $0 == id || $0.hasPrefix(id + "_") }
    }

    /// The state squeue shows for one array task (`12_1`): RUNNING, PENDING, …; nil once it left the queue.
    static func state(of task: String) -> String? {
        guard let result = try? command(["squeue", "--noheader", "--array", "--format=%i %T"]) else { return nil }
        for line in result.output.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if fields.count >= 2, fields[0] == task { return fields[1] }
        }
        return nil
    }
}
