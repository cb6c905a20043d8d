import Foundation

/// What Slurm says of jobs: `squeue` for those still queued or running (array tasks one by
/// one), `sacct` for finished ones where the cluster keeps accounting. Either may be absent or
/// refuse (no accounting database); then it simply knows nothing.
public struct SlurmQueue {
    public var runner: CommandRunner

    public init(runner: CommandRunner) {
        self.runner = runner
    }

    /// Job id (`123`, or `123_4` for an array task) → state (`PENDING`, `RUNNING`, …).
    public func states() throws -> [String: String] {
        guard let result = try? runner.run(["squeue", "--noheader", "--array", "--format=%i|%T"]), result.status == 0 else { return [:] }
        return Self.parse(result.output)
    }

    /// Finished jobs' states from `sacct`, when accounting is on.
    public func accounting(_ ids: [String]) -> [String: String] {
        guard !ids.isEmpty,
            let result = try? runner.run(["sacct", "--noheader", "--parsable2", "--allocations", "--format=JobID,State", "--jobs=" + ids.joined(separator: ",")]),
            result.status == 0
        else { return [:] }
        return Self.parse(result.output)
    }

    static func parse(_ text: String) -> [String: String] {
        var states: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            // sacct writes "CANCELLED by 0"; the first word is the state.
            states[String(fields[0]).trimmingCharacters(in: .whitespaces)] = fields[1].split(separator: " ").first.map(String.init) ?? ""
        }
        return states
    }
}
