/// What a command does with a workspace. Writers take the workspace's lock (`WorkspaceLock`)
/// for as long as they hold it open; readers take nothing and keep working while a writer runs
/// (SQLite's WAL gives them a consistent snapshot).
public enum WorkspaceAccess: Sendable, Equatable {
    case read
    case write
}
