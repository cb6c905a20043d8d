/// Errors of the contamination stage; each names the file (and line) the user must fix.
public enum ContaminationError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(file: String, reason: String)
    case malformedInput(file: String, line: Int, reason: String)
    case emptyInput(file: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): \(reason)"
        case .malformedInput(let file, let line, let reason):
            line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
        case .emptyInput(let file): "\(file): no sentences"
        case .invalidArgument(let message): message
        }
    }
}
