import Foundation

/// Works out which array task this process is: from `--shard i/N` when given, else from the
/// variables the schedulers set. The environment is passed in (the executable gives its own),
/// so the mapping is tested without touching the process's variables.
///
/// - Slurm: `SLURM_ARRAY_TASK_ID`. With an explicit count (`--shard-count N`, what the scripts
///   adeaug writes pass), the task id is the index, so a resubmission of only some ids
///   (`--array=1,3`) still splits the work the same way. Without one, the count is
///   `SLURM_ARRAY_TASK_COUNT` (or `_MAX - _MIN + 1`) and the index counts from `_MIN`.
/// - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX`; count from `--shard-count` or config.
/// - AWS Batch array job: `AWS_BATCH_JOB_ARRAY_INDEX`; count from `--shard-count` or config.
/// - None of them: nil, not an array task; the whole job in one process, writing its output
///   directly. Any array task, even `0/1`, writes a part and a completion marker instead.
public struct ArrayTaskResolver: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// - Parameters:
    ///   - shard: `--shard i/N`, which wins over everything.
    ///   - count: the task count from `--shard-count` or the config, when known.
    public func resolve(shard: String?, count: Int?) throws(ArrayTaskError) -> ArrayTask? {
        if let shard { return try ArrayTask(parsing: shard) }
        if let count, count < 1 { throw .outOfRange(index: 0, count: count, origin: "--shard-count") }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            if let count { return try task(id, count, origin: "$SLURM_ARRAY_TASK_ID") }
            let minimum = try number("SLURM_ARRAY_TASK_MIN") ?? 0
            if let slurmCount = try number("SLURM_ARRAY_TASK_COUNT") {
                return try task(id - minimum, slurmCount, origin: "$SLURM_ARRAY_TASK_ID - $SLURM_ARRAY_TASK_MIN")
            }
            if let maximum = try number("SLURM_ARRAY_TASK_MAX") {
                return try task(id - minimum, maximum - minimum + 1, origin: "$SLURM_ARRAY_TASK_ID - $SLURM_ARRAY_TASK_MIN")
            }
            throw .countMissing(variable: "SLURM_ARRAY_TASK_ID", index: id)
        }
        for variable in ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] {
            guard let index = try number(variable) else { continue }
            guard let count else { throw .countMissing(variable: variable, index: index) }
            return try task(index, count, origin: "$" + variable)
        }
        guard count == nil else {
            throw ArrayTaskError.countWithoutIndex
        }
        return nil
    }

    private func task(_ index: Int, _ count: Int, origin: String) throws(ArrayTaskError) -> ArrayTask {
        guard count >= 1, index >= 0, index < count else { throw .outOfRange(index: index, count: count, origin: origin) }
        return try ArrayTask(index: index, count: count)
    }

    private func number(_ variable: String) throws(ArrayTaskError) -> Int? {
        guard let value = environment[variable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        guard let number = Int(value) else { throw .notANumber(variable: variable, value: value) }
        return number
    }
}
