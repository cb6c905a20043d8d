/// Why a task's index and count cannot be worked out; `origin` names the flag or variable the
/// bad value came from.
public enum ArrayTaskError: Error, Equatable, CustomStringConvertible {
    case unparsable(String)
    case outOfRange(index: Int, count: Int, origin: String)
    case notANumber(variable: String, value: String)
    case countMissing(variable: String, index: Int)
    case countWithoutIndex

    public var description: String {
        switch self {
        case .unparsable(let text): "--shard \(text): expected i/N, e.g. 0/8."
        case .outOfRange(let index, let count, let origin): "\(origin) \(index)/\(count): need 0 ≤ i < N."
        case .notANumber(let variable, let value): "$\(variable) is \(value), not a whole number."
        case .countWithoutIndex:
            "--shard-count is given but no task index: run it as an array task ($SLURM_ARRAY_TASK_ID, $JOB_COMPLETION_INDEX, $AWS_BATCH_JOB_ARRAY_INDEX) or give --shard i/N."
        case .countMissing(let variable, let index):
            "$\(variable)=\(index) says this is an array task, but not how many tasks there are: give --shard-count N."
        }
    }
}
