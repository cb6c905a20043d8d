import AdeaugCore
import AdeaugPipeline
import Foundation

extension GlobalOptions {
    /// The encryption flags as the library's settings (the values adeaug.yaml's encryption section holds).
    var encryption: EncryptionSettings {
        EncryptionSettings(enabled: encrypt, keyFile: keyFile, kmsKeyID: kmsKeyID, region: region)
    }

    /// The workspace these options name, with its keys.
    func workspaceLocation(_ directory: String? = nil) throws -> WorkspaceLocation {
        try encryption.location(directory: directory ?? workspace)
    }

    func workspaceKeys(for directory: String) throws -> WorkspaceKeys? {
        try encryption.keys(for: directory)
    }
}
