import CAdeaugCrypto
import Foundation

/// Turns what the caller supplied (a key, or KMS access) into the key of one workspace,
/// checked against its encryption.json by fingerprint before SQLite reads anything.
enum WorkspaceKeyResolver {
    /// A key for a new workspace, how encryption.json records it, and the key-service call
    /// made for it (for the audit trail).
    static func newKey(_ keys: WorkspaceKeys) throws -> (key: EncryptionKey, record: EncryptionSidecar.KeyRecord, calls: [KeyServiceCall]) {
        switch keys {
        case .key(let key, let source):
            return (key, EncryptionSidecar.KeyRecord(fingerprint: key.fingerprint, source: source), [])
        case .envelope(let envelope):
            guard let masterKeyID = envelope.masterKeyID else { throw WorkspaceEncryptionError.kmsNeedsKeyID }
            guard let region = envelope.region else { throw WorkspaceEncryptionError.kmsNeedsRegion }
            let service = try envelope.service(region)
            let (key, wrapped) = try service.generateDataKey(masterKeyID: masterKeyID)
            let record = EncryptionSidecar.KeyRecord(
                fingerprint: key.fingerprint, source: .kms, kmsKeyID: masterKeyID, region: region,
                wrappedKey: Data(wrapped).base64EncodedString())
            return (key, record, [KeyServiceCall(operation: "GenerateDataKey", masterKeyID: masterKeyID, url: service.auditURL)])
        }
    }

    /// The sidecar's keys that the supplied keys open, with the key itself.
    static func matching(
        _ keys: WorkspaceKeys, sidecar: EncryptionSidecar, directory: String
    ) throws -> [(record: EncryptionSidecar.KeyRecord, key: EncryptionKey, call: KeyServiceCall?)] {
        switch keys {
        case .key(let key, _):
            let fingerprint = key.fingerprint
            let records = sidecar.keys.filter { $0.fingerprint == fingerprint }
            guard !records.isEmpty else {
                throw WorkspaceEncryptionError.wrongKey(directory: directory, expected: sidecar.keys.map(\.fingerprint), given: fingerprint)
            }
            return records.map { ($0, key, nil) }
        case .envelope(let envelope):
            let wrappedRecords = sidecar.keys.filter { $0.wrappedKey != nil && $0.kmsKeyID != nil }
            guard !wrappedRecords.isEmpty else { throw WorkspaceEncryptionError.keyRequired(directory: directory) }
            return try wrappedRecords.map { record in
                guard let region = record.region ?? envelope.region else { throw WorkspaceEncryptionError.kmsNeedsRegion }
                guard let wrapped = Data(base64Encoded: record.wrappedKey!) else {
                    throw WorkspaceEncryptionError.sidecarInvalid(path: directory + "/" + EncryptionSidecar.fileName, reason: "a wrapped key is not base64")
                }
                let service = try envelope.service(region)
                let key = try service.unwrap(Array(wrapped), masterKeyID: record.kmsKeyID!)
                guard key.fingerprint == record.fingerprint else { throw WorkspaceEncryptionError.kmsKeyMismatch(directory: directory) }
                return (record, key, KeyServiceCall(operation: "Decrypt", masterKeyID: record.kmsKeyID!, url: service.auditURL))
            }
        }
    }

    /// The key to open an existing encrypted workspace with. When an interrupted rekey left two
    /// keys listed, page 1 tells which one the database is under; the rekey is then settled
    /// (the other key dropped, a half-written copy removed).
    /// Also returns the key-service calls made to find it (for the audit trail).
    static func open(
        _ keys: WorkspaceKeys, sidecar: EncryptionSidecar, directory: URL, databasePath: String
    ) throws -> (key: EncryptionKey, calls: [KeyServiceCall]) {
        let candidates = try matching(keys, sidecar: sidecar, directory: directory.path)
        let calls = candidates.compactMap(\.call)
        guard sidecar.keys.count > 1 else { return (candidates[0].key, calls) }
        for candidate in candidates {
            let result = candidate.key.withUnsafeBytes {
                adeaug_db_check_key($0.bindMemory(to: UInt8.self).baseAddress, sidecar.workspaceIDBytes, databasePath)
            }
            if result == Int32(ADEAUG_FILE_OK) || result == Int32(ADEAUG_FILE_EMPTY) {
                try WorkspaceRekey.settle(sidecar: sidecar, keeping: candidate.record, directory: directory, databasePath: databasePath)
                return (candidate.key, calls)
            }
        }
        let others = sidecar.keys.filter { record in !candidates.contains { $0.record == record } }
        throw WorkspaceEncryptionError.rekeyInterrupted(
            directory: directory.path, underFingerprint: others.map(\.fingerprint).joined(separator: " or "))
    }
}
