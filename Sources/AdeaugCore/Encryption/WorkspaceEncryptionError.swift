/// Why an encrypted workspace cannot be opened or rekeyed. Messages name files, pages and key
/// fingerprints; never a key or a credential.
public enum WorkspaceEncryptionError: Error, CustomStringConvertible, Equatable {
    case keyRequired(directory: String)
    case encryptNeedsKey
    case wrongKey(directory: String, expected: [String], given: String)
    case plainWorkspace(directory: String)
    case sidecarMissing(directory: String)
    case sidecarInvalid(path: String, reason: String)
    case truncated(path: String, bytes: Int)
    case rekeyInterrupted(directory: String, underFingerprint: String)
    case kmsNeedsRegion
    case kmsNeedsKeyID
    case kmsKeyMismatch(directory: String)
    case sameKey
    case inUse(directory: String)
    case rekeyFailed(reason: String)

    public var description: String {
        switch self {
        case .keyRequired(let directory):
            "Workspace \(directory) is encrypted; pass --key-file or set ADEAUG_KEY_FILE/ADEAUG_KEY (or --kms-key-id for a KMS-wrapped key)."
        case .encryptNeedsKey:
            "--encrypt needs a key: --key-file PATH (or ADEAUG_KEY_FILE), ADEAUG_KEY, or --kms-key-id ID --region REGION. Make a key file with `adeaug keygen --out PATH`."
        case .wrongKey(let directory, let expected, let given):
            "Wrong key for workspace \(directory): it is encrypted under the key with fingerprint \(expected.joined(separator: " or ")), this key's is \(given). Nothing was read or written."
        case .plainWorkspace(let directory):
            "Workspace \(directory) is not encrypted; --encrypt cannot encrypt an existing workspace in place. Ingest into a new workspace with --encrypt instead."
        case .sidecarMissing(let directory):
            "\(directory)/workspace.sqlite is not a plain SQLite database and has no encryption.json beside it: if it is encrypted, restore its encryption.json."
        case .sidecarInvalid(let path, let reason):
            "\(path) cannot be used: \(reason)."
        case .truncated(let path, let bytes):
            "\(path) is truncated: \(bytes) bytes is not a whole number of 4096-byte pages. Restore it from a backup."
        case .rekeyInterrupted(let directory, let fingerprint):
            "A rekey of workspace \(directory) was interrupted before the database was switched: it is still under the key with fingerprint \(fingerprint). Open it with that key, then run `adeaug rekey` again."
        case .kmsNeedsRegion:
            "--kms-key-id needs --region (the AWS region of the KMS key)."
        case .kmsNeedsKeyID:
            "A new KMS-encrypted workspace needs --kms-key-id (the KMS key that wraps its data key)."
        case .kmsKeyMismatch(let directory):
            "KMS returned a data key for workspace \(directory) that does not match its encryption.json; the wrapped key or the sidecar was altered."
        case .sameKey:
            "The new key is the key the workspace is already under."
        case .inUse(let directory):
            "Workspace \(directory) is in use by another process (its WAL is not empty after a checkpoint); rekey needs it to itself."
        case .rekeyFailed(let reason):
            "Rekey failed, the workspace is unchanged under its old key: \(reason)."
        }
    }
}
