/// How to open a workspace: its folder, and the key when it is (or is to be) encrypted.
/// Library code that opens workspaces takes this instead of a bare folder, so a key travels
/// explicitly from the command line to the database, never through global state.
public struct WorkspaceLocation: Sendable {
    public var directory: String
    /// Where the key comes from; nil opens plain workspaces only.
    public var keys: WorkspaceKeys?
    /// A new workspace is made encrypted (`--encrypt`), and an existing plain one is refused.
    /// Without it the keys only open workspaces that are already encrypted.
    public var encrypt: Bool

    public init(directory: String, keys: WorkspaceKeys? = nil, encrypt: Bool = false) {
        self.directory = directory
        self.keys = keys
        self.encrypt = encrypt
    }

    /// The same keys and intent for another folder (`run`'s `-published` workspace).
    public func sibling(directory: String) -> WorkspaceLocation {
        WorkspaceLocation(directory: directory, keys: keys, encrypt: encrypt)
    }
}

/// Where a workspace key comes from.
public enum WorkspaceKeys: Sendable {
    /// A key in hand: read from a key file or `ADEAUG_KEY` (`source` is recorded).
    case key(EncryptionKey, source: KeySource)
    /// Envelope encryption: a data key from a key-management service, stored wrapped only.
    case envelope(EnvelopeKeys)
}

/// What encryption.json records about where a key came from.
public enum KeySource: String, Codable, Sendable {
    case file, env, kms
}

/// A KMS master key and a way to reach the service. Creating a workspace needs the master key
/// id and region; opening one reads them from its encryption.json.
public struct EnvelopeKeys: Sendable {
    public var masterKeyID: String?
    public var region: String?
    /// The service for a region (the executable wires AWS KMS here; tests a fake).
    public var service: @Sendable (_ region: String) throws -> any EnvelopeKeyService

    public init(
        masterKeyID: String?, region: String?,
        service: @escaping @Sendable (_ region: String) throws -> any EnvelopeKeyService
    ) {
        self.masterKeyID = masterKeyID
        self.region = region
        self.service = service
    }
}
