/// Why an array task's part or the merge of the parts cannot go on.
public enum TaskPartError: Error, Equatable, CustomStringConvertible {
    case unreadableMarker(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case noParts(output: String)
    case mixedCounts(output: String, counts: [Int])
    case incomplete(output: String, missing: [Int], count: Int)

    public var description: String {
        switch self {
        case .unreadableMarker(let path, let reason): "\(path): not a completion marker (\(reason)); delete it to run the task again."
        case .unwritable(let path, let reason): "\(path): cannot write the task's part (\(reason))."
        case .noParts(let output): "\(output).parts/ holds no completed part: run the array tasks first."
        case .mixedCounts(let output, let counts):
            "\(output).parts/ holds parts of arrays of \(counts.map(String.init).joined(separator: " and ")) tasks: keep one array's parts."
        case .incomplete(let output, let missing, let count):
            "\(output).parts/: task\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(count) not complete yet (no completion marker); run or resubmit \(missing.count == 1 ? "it" : "them") first."
        }
    }
}
