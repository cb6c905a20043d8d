import AdeaugCore
import Foundation

extension GlobalOptions {
    /// The key for files that belong to no open workspace (a checkpoint given to `predict`, a
    /// file given to `decrypt`): the workspace's key when --workspace names an encrypted one
    /// (KMS-wrapped keys included), else a key from --key-file, $ADEAUG_KEY_FILE or $ADEAUG_KEY;
    /// nil when none is given.
    func outputFiles() throws -> OutputFiles {
        let sidecar = try EncryptionSidecar.read(in: URL(fileURLWithPath: workspace, isDirectory: true))
        if sidecar != nil {
            return OutputFiles(key: try Workspace(location: try workspaceLocation(), create: false, access: .read).encryptionKey)
        }
        if case .key(let key, _) = try workspaceKeys(for: workspace) { return OutputFiles(key: key) }
        return OutputFiles(key: nil)
    }
}
