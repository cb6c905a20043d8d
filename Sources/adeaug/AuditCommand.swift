import AdeaugCore
import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit trail: every request that left the machine, where it went, and what came back.",
        discussion: """
            One `sent` row per request, recorded before the request is sent, and one `answered` \
            or `no_answer` row per outcome: time, endpoint host, request size, the SHA-256 of the \
            prompt (the prompt itself only with `generate --audit-prompts`), the workspace ids of \
            the examples shown, whether redaction ran, the HTTP status. Credentials are never \
            recorded. The trail is append-only (SQLite triggers refuse updates and deletes) and \
            lives in the workspace, encrypted with it when the workspace is encrypted.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the summary and every entry as JSON.")
    var json = false

    func run() throws {
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false, access: .read)
        let summary = AuditSummary(entries: try AuditTrail(workspace: workspace).entries())
        print(json ? try JSONText.encode(summary, pretty: true) : summary.text)
    }
}
