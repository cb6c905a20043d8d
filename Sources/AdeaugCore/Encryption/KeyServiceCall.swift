import Foundation

/// A call to the key-management service made to open or create a workspace. Those calls leave
/// the machine too (a key id and a wrapped key, never data), but happen before the database can
/// be opened, so the workspace records them in its audit trail right after. A call that failed
/// left no workspace open: its error went to the terminal and nothing is recorded.
struct KeyServiceCall {
    var operation: String
    var masterKeyID: String
    var region: String
    var envelope: EnvelopeKeys

    /// One `Decrypt` per wrapped key in the sidecar (the resolver unwraps each).
    static func opening(_ sidecar: EncryptionSidecar, with keys: WorkspaceKeys) -> [KeyServiceCall] {
        guard case .envelope(let envelope) = keys else { return [] }
        return sidecar.keys.compactMap { record in
            guard record.wrappedKey != nil, let id = record.kmsKeyID, let region = record.region ?? envelope.region else { return nil }
            return KeyServiceCall(operation: "Decrypt", masterKeyID: id, region: region, envelope: envelope)
        }
    }

    /// The `GenerateDataKey` that made a new workspace's key.
    static func creating(_ record: EncryptionSidecar.KeyRecord, with keys: WorkspaceKeys) -> [KeyServiceCall] {
        guard case .envelope(let envelope) = keys, let id = record.kmsKeyID, let region = record.region else { return [] }
        return [KeyServiceCall(operation: "GenerateDataKey", masterKeyID: id, region: region, envelope: envelope)]
    }
}

extension Workspace {
    func recordKeyServiceCalls(_ calls: [KeyServiceCall]) throws {
        guard !calls.isEmpty else { return }
        let audit = AuditTrail(workspace: self)
        try database.transaction {
            for call in calls {
                let url = (try? call.envelope.service(call.region).auditURL) ?? "https://kms.\(call.region).amazonaws.com/"
                let reference = "kms:\(call.operation) \(call.masterKeyID)"
                try audit.append(AuditEntry(event: .sent, service: "kms", url: url, reference: reference))
                try audit.append(AuditEntry(event: .answered, service: "kms", url: url, reference: reference, httpStatus: 200))
            }
        }
    }
}
