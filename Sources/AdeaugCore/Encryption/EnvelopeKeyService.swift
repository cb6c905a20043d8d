/// A key-management service that issues data keys wrapped under a master key it never
/// releases (AWS KMS `GenerateDataKey` / `Decrypt`). Only the wrapped key is stored; the data
/// key exists in memory while adeaug runs. Core declares the shape; the transport module owns
/// the HTTP client that implements it (libcurl with SigV4), and the executable joins them.
public protocol EnvelopeKeyService: Sendable {
    /// A fresh data key and its wrapped form under `masterKeyID`.
    func generateDataKey(masterKeyID: String) throws -> (key: EncryptionKey, wrapped: [UInt8])
    /// The data key inside `wrapped` (which names its master key itself).
    func unwrap(_ wrapped: [UInt8], masterKeyID: String) throws -> EncryptionKey
    /// The endpoint, as the audit trail records it (host only).
    var auditURL: String { get }
}

extension EnvelopeKeyService {
    public var auditURL: String { "https://kms.invalid/" }
}
