/// A call to the key-management service made to open or create a workspace. Those calls leave
/// the machine too (a key id and a wrapped key, never data), but happen before the database can
/// be opened, so `WorkspaceKeyResolver` returns them and the workspace records them in its
/// audit trail right after. A call that failed left no workspace open: its error went to the
/// terminal and nothing is recorded.
struct KeyServiceCall {
    var operation: String
    var masterKeyID: String
    /// The service's endpoint (the audit trail keeps its host only).
    var url: String
}

extension Workspace {
    func recordKeyServiceCalls(_ calls: [KeyServiceCall]) throws {
        guard !calls.isEmpty else { return }
        let audit = AuditTrail(workspace: self)
        try database.transaction {
            for call in calls {
                let reference = "kms:\(call.operation) \(call.masterKeyID)"
                try audit.append(AuditEntry(event: .sent, service: "kms", url: call.url, reference: reference))
                try audit.append(AuditEntry(event: .answered, service: "kms", url: call.url, reference: reference, httpStatus: 200))
            }
        }
    }
}
