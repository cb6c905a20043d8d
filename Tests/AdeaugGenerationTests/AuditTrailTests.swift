import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

/// The audit trail records every request that left the machine, with its outcome, and nothing
/// that could leak a credential; it cannot be rewritten through SQLite.
@Suite struct AuditTrailTests {
    @Test func everyAttemptIsOnRecordWithItsOutcomeAndNoSecrets() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let log = RequestLog()
        let calls = Counter()
        let server = try LoopbackServer { [log] request in
            log.append(request)
            // One 503 (retried), one dropped connection twice (libcurl retries a reused one once), then answers.
            switch calls.next() {
            case 1: return .json(503, #"{"error":"unhealthy"}"#)
            case 2, 3: return .drop
            default: return Fixtures.tgiAnswer(for: request)
            }
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 3)
        options.endpoint.authentication = .bearer(token: "hf_AuDiTsEcReT")
        options.redact = true
        _ = try Generator(workspace: workspace, options: options).run()

        let summary = AuditSummary(entries: try AuditTrail(workspace: workspace).entries())
        let sent = summary.entries.filter { $0.event == .sent && $0.reference.hasPrefix("generation_request:") }
        let attempts = try workspace.database.prepare("SELECT COUNT(*) FROM generation_responses").rows { $0.int(0) }.first!
        #expect(sent.count == attempts)
        #expect(summary.withoutAnswer >= 1)
        #expect(summary.statuses["503"] == 1)
        let answered200 = try workspace.database.prepare("SELECT COUNT(*) FROM generation_responses WHERE http_status = 200").rows { $0.int(0) }.first!
        #expect(summary.statuses["200"] == answered200)
        let host = AuditEntry.host(of: server.baseURL)
        #expect(summary.hosts.keys.allSatisfy { $0 == host })
        for entry in sent {
            #expect(entry.redacted == true)
            #expect(entry.exampleIDs?.count == 5)
            #expect(entry.promptSHA256?.count == 64)
            #expect(entry.prompt == nil)
            #expect((entry.requestBytes ?? 0) > 0)
        }
        // Each outcome points back at a request sent before it.
        for outcome in summary.entries where outcome.event != .sent {
            #expect(summary.entries.contains { $0.event == .sent && $0.reference == outcome.reference && $0.id! < outcome.id! })
        }
        // The prompt hash is the hash of the prompt the server received.
        let stored = try workspace.database.prepare("SELECT body FROM generation_requests ORDER BY id LIMIT 1").rows { $0.text(0) }.first!
        #expect(log.requests.contains { $0.bodyText == stored })
        #expect(!summary.text.contains("hf_AuDiTsEcReT"))
        #expect(!(try JSONText.encode(summary)).contains("hf_AuDiTsEcReT"))
    }

    @Test func promptsAreKeptOnlyWhenAskedAndTheTrailIsAppendOnly() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let server = try LoopbackServer { Fixtures.tgiAnswer(for: $0) }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 2)
        options.auditPrompts = true
        _ = try Generator(workspace: workspace, options: options).run()
        let entries = try AuditTrail(workspace: workspace).entries().filter { $0.event == .sent && $0.prompt != nil }
        #expect(entries.count >= 2)
        for entry in entries {
            #expect(entry.promptSHA256 == SHA256Digest.hex(Array(entry.prompt!.utf8)))
        }
        #expect(throws: SQLiteError.self) { try workspace.database.execute("UPDATE audit_log SET host = 'elsewhere'") }
        #expect(throws: SQLiteError.self) { try workspace.database.execute("DELETE FROM audit_log") }
        #expect(try workspace.database.prepare("SELECT COUNT(*) FROM audit_log WHERE host = 'elsewhere'").rows { $0.int(0) }.first == 0)
    }

    @Test func hostsKeepNoPathQueryOrUserInfo() {
        #expect(AuditEntry.host(of: "https://user:pw@runtime.sagemaker.us-east-1.amazonaws.com/endpoints/x/invocations?sig=abc") == "runtime.sagemaker.us-east-1.amazonaws.com")
        #expect(AuditEntry.host(of: "http://127.0.0.1:8091/v1/completions") == "127.0.0.1:8091")
    }
}
