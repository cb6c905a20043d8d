import AdeaugCore
import ArgumentParser
import Foundation

extension GlobalOptions {
    /// The one place where the command line becomes a workspace to open: the folder, and the
    /// key from --key-file, $ADEAUG_KEY_FILE, $ADEAUG_KEY or KMS (--kms-key-id, or the
    /// workspace's own encryption.json naming a KMS key).
    func workspaceLocation(_ directory: String? = nil) throws -> WorkspaceLocation {
        let directory = directory ?? workspace
        return WorkspaceLocation(directory: directory, keys: try workspaceKeys(for: directory), encrypt: encrypt)
    }

    func workspaceKeys(
        for directory: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> WorkspaceKeys? {
        if let path = keyFile ?? environment[KeyFile.pathVariable].flatMap({ $0.isEmpty ? nil : $0 }), kmsKeyID == nil {
            return .key(try KeyFile.load(path: path), source: .file)
        }
        if kmsKeyID == nil, let key = try KeyFile.fromEnvironment(environment) {
            return .key(key, source: .env)
        }
        if kmsKeyID != nil || Self.workspaceUsesKMS(directory) {
            return .envelope(EnvelopeKeys(masterKeyID: kmsKeyID, region: region, service: EnvelopeKeyWiring.service(region:)))
        }
        return nil
    }

    static func workspaceUsesKMS(_ directory: String) -> Bool {
        let sidecar = try? EncryptionSidecar.read(in: URL(fileURLWithPath: directory, isDirectory: true))
        return sidecar?.keys.contains { $0.wrappedKey != nil } ?? false
    }
}
