/// Why a command could not take a workspace for itself.
public enum WorkspaceLockError: Error, CustomStringConvertible, Equatable {
    /// Another process writes the workspace; `holder` is nil when it has not said who it is.
    case held(directory: String, holder: WorkspaceLockHolder?)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let directory, let holder?):
            "The workspace at \(directory) is in use by \(holder). Wait for it to finish or stop it (kill \(holder.processID)); commands that only read (report, export, audit) work meanwhile."
        case .held(let directory, nil):
            "The workspace at \(directory) is in use by another adeaug process. Wait for it to finish; commands that only read (report, export, audit) work meanwhile."
        case .cannotOpen(let path, let reason):
            "Cannot open the workspace lock \(path): \(reason)."
        }
    }
}
