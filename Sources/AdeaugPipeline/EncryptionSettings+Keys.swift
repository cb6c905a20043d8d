import AdeaugCore
import AdeaugTransport
import Foundation

extension EncryptionSettings {
    public init(enabled: Bool, keyFile: String?, kmsKeyID: String?, region: String?) {
        self.init()
        self.enabled = enabled
        self.keyFile = keyFile
        self.kmsKeyID = kmsKeyID
        self.region = region
    }

    /// These settings with `flags` laid over them (the command line wins over the config; a
    /// key file given on the command line replaces the config's KMS key and the other way round).
    public func overridden(by flags: EncryptionSettings) -> EncryptionSettings {
        EncryptionSettings(
            enabled: enabled || flags.enabled,
            keyFile: flags.keyFile ?? (flags.kmsKeyID == nil ? keyFile : nil),
            kmsKeyID: flags.kmsKeyID ?? (flags.keyFile == nil ? kmsKeyID : nil),
            region: flags.region ?? region)
    }

    /// The one place where settings become a workspace to open: the folder, and the key from
    /// `keyFile`, $ADEAUG_KEY_FILE, $ADEAUG_KEY or KMS (`kmsKeyID`, or the workspace's own
    /// encryption.json naming a KMS key).
    public func location(directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WorkspaceLocation {
        WorkspaceLocation(directory: directory, keys: try keys(for: directory, environment: environment), encrypt: enabled)
    }

    public func keys(for directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WorkspaceKeys? {
        let keyFile = keyFile.map { NSString(string: $0).expandingTildeInPath }
        if let path = keyFile ?? environment[KeyFile.pathVariable].flatMap({ $0.isEmpty ? nil : $0 }), kmsKeyID == nil {
            return .key(try KeyFile.load(path: path), source: .file)
        }
        if kmsKeyID == nil, let key = try KeyFile.fromEnvironment(environment) {
            return .key(key, source: .env)
        }
        if kmsKeyID != nil || Self.workspaceUsesKMS(directory) {
            return .envelope(EnvelopeKeys(masterKeyID: kmsKeyID, region: region, service: Self.kmsService(region:)))
        }
        return nil
    }

    static func workspaceUsesKMS(_ directory: String) -> Bool {
        let sidecar = try? EncryptionSidecar.read(in: URL(fileURLWithPath: directory, isDirectory: true))
        return sidecar?.keys.contains { $0.wrappedKey != nil } ?? false
    }

    /// Joins Core's envelope-key shape to the AWS KMS client (libcurl, SigV4, credentials found
    /// as the AWS CLI finds them; `$ADEAUG_KMS_ENDPOINT` overrides the URL). Core never depends
    /// on it; the composition root wires them here.
    @Sendable public static func kmsService(region: String) throws -> any EnvelopeKeyService {
        try KMSKeyService.load(region: region)
    }
}
