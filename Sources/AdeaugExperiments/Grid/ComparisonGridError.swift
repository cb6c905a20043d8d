/// Why a comparison grid's task or merge cannot go on.
public enum ComparisonGridError: Error, Equatable, CustomStringConvertible {
    /// A part or marker was written for another grid (other settings, seeds or workspace data).
    case otherGrid(path: String, found: String, expected: String)
    /// After the merge, runs of the grid are in no part and not in the workspace.
    case runsMissing(count: Int, first: String)
    /// Parts are plain SQLite files: an encrypted workspace's runs would leave it in the clear.
    case encryptedWorkspace(directory: String)

    public var description: String {
        switch self {
        case .otherGrid(let path, let found, let expected):
            "\(path): written for another comparison grid (\(found), this one is \(expected)): the settings, seeds or the workspace's training sets changed since the tasks ran. Run the tasks again with the same settings, or delete the parts folder to start this grid afresh."
        case .runsMissing(let count, let first):
            "\(count) run\(count == 1 ? "" : "s") of the grid \(count == 1 ? "is" : "are") in no part (first: \(first)); run the array tasks again."
        case .encryptedWorkspace(let directory):
            "\(directory) is encrypted, and a grid task's part would hold its runs in the clear: run compare in one process on an encrypted workspace."
        }
    }
}
