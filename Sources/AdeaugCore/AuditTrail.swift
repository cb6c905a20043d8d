import Foundation

/// One row of the audit trail.
public struct AuditEntry: Codable, Sendable, Equatable {
    public enum Event: String, Codable, Sendable {
        /// A request is about to leave the machine (recorded before the transfer starts, so a
        /// process killed mid-request still leaves the request on record).
        case sent
        /// The endpoint answered with `httpStatus`.
        case answered
        /// No answer: a network error, a timeout.
        case noAnswer = "no_answer"
    }

    public var id: Int64?
    public var at: String
    public var runID: Int64?
    public var event: Event
    /// What kind of service: `generation`, `kms`.
    public var service: String
    /// Host (and port) only: never a path, query or user info, so no credential can ride along.
    public var host: String
    /// Ties a `sent` row to its outcome, e.g. `generation_request:12#2` (request 12, attempt 2).
    public var reference: String
    public var requestBytes: Int?
    /// SHA-256 of the prompt as sent (after redaction).
    public var promptSHA256: String?
    /// The prompt itself, only when the user asked for it (`--audit-prompts`).
    public var prompt: String?
    /// Workspace example ids shown to the model.
    public var exampleIDs: [Int64]?
    /// Whether redaction ran on the examples before they were sent.
    public var redacted: Bool?
    public var httpStatus: Int?
    public var responseBytes: Int?
    public var detail: String?

    public init(
        event: Event, service: String, url: String, reference: String, runID: Int64? = nil,
        requestBytes: Int? = nil, promptSHA256: String? = nil, prompt: String? = nil,
        exampleIDs: [Int64]? = nil, redacted: Bool? = nil, httpStatus: Int? = nil,
        responseBytes: Int? = nil, detail: String? = nil
    ) {
        self.at = Timestamp.now()
        self.runID = runID
        self.event = event
        self.service = service
        self.host = Self.host(of: url)
        self.reference = reference
        self.requestBytes = requestBytes
        self.promptSHA256 = promptSHA256
        self.prompt = prompt
        self.exampleIDs = exampleIDs
        self.redacted = redacted
        self.httpStatus = httpStatus
        self.responseBytes = responseBytes
        self.detail = detail
    }

    /// `host[:port]` of a URL; the whole string is never kept.
    public static func host(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return "(unparsable URL)"
        }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}

/// The record of everything that left the machine, kept in the workspace (and so encrypted
/// with it). Append-only: the table's triggers refuse UPDATE and DELETE, so neither adeaug nor
/// a careless script can rewrite history through SQLite. Holds sizes, hashes and example ids;
/// never credentials, and the prompt text only when asked.
public final class AuditTrail {
    private let database: Database
    /// Prepared once: generation appends two rows per request.
    private var insert: Statement?
    private static let insertSQL = """
        INSERT INTO audit_log(at, run_id, event, service, host, reference, request_bytes, prompt_sha256,
            prompt, example_ids, redacted, http_status, response_bytes, detail)
        VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    public init(workspace: Workspace) {
        database = workspace.database
    }

    /// Appends one entry; call inside the transaction that records the event itself.
    public func append(_ entry: AuditEntry) throws {
        if insert == nil { insert = try database.prepare(Self.insertSQL) }
        let statement = insert!
        let ids = try entry.exampleIDs.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try statement.run(
            .text(entry.at), entry.runID.map { .integer($0) } ?? .null, .text(entry.event.rawValue),
            .text(entry.service), .text(entry.host), .text(entry.reference),
            entry.requestBytes.map { .int($0) } ?? .null, .optionalText(entry.promptSHA256),
            .optionalText(entry.prompt), .optionalText(ids), entry.redacted.map { .int($0 ? 1 : 0) } ?? .null,
            entry.httpStatus.map { .int($0) } ?? .null, entry.responseBytes.map { .int($0) } ?? .null,
            .optionalText(entry.detail))
    }

    /// Every entry, oldest first.
    public func entries() throws -> [AuditEntry] {
        try database.prepare("""
            SELECT id, at, run_id, event, service, host, reference, request_bytes, prompt_sha256, prompt,
                example_ids, redacted, http_status, response_bytes, detail
            FROM audit_log ORDER BY id
            """).rows { row in
            var entry = AuditEntry(
                event: AuditEntry.Event(rawValue: row.text(3)) ?? .sent, service: row.text(4), url: "",
                reference: row.text(6))
            entry.id = row.int64(0)
            entry.at = row.text(1)
            entry.runID = row.isNull(2) ? nil : row.int64(2)
            entry.host = row.text(5)
            entry.requestBytes = row.isNull(7) ? nil : row.int(7)
            entry.promptSHA256 = row.optionalText(8)
            entry.prompt = row.optionalText(9)
            entry.exampleIDs = row.optionalText(10).flatMap { try? JSONDecoder().decode([Int64].self, from: Data($0.utf8)) }
            entry.redacted = row.isNull(11) ? nil : row.int(11) != 0
            entry.httpStatus = row.isNull(12) ? nil : row.int(12)
            entry.responseBytes = row.isNull(13) ? nil : row.int(13)
            entry.detail = row.optionalText(14)
            return entry
        }
    }
}
