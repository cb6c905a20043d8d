import AdeaugCore
import AdeaugTransport
import Foundation

/// The generation stage's reads and writes of the workspace.
///
/// The statements written for every request are prepared once and the timestamp formatter made
/// once: at thousands of requests a second, preparing SQL and building an ISO 8601 formatter
/// per row cost more than the HTTP exchange itself.
final class GenerationStore {
    let workspace: Workspace
    private var database: Database { workspace.database }
    private let formatter = ISO8601DateFormatter()

    init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.migrate(GenerationSchema.schema)
        try workspace.migrate(ConditioningSchema.schema)
    }

    private func now() -> String { formatter.string(from: Date()) }

    private lazy var insertRequestStatement = Result {
        try database.prepare("""
            INSERT INTO generation_requests(key, generation_run_id, plan_index, label, template, example_ids, seed, body, status, created_at, updated_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }
    private lazy var insertResponseStatement = Result {
        try database.prepare("""
            INSERT INTO generation_responses(request_id, generation_run_id, attempt, outcome, http_status, body, error, latency_ms, tokens, finish_reason, created_at)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }
    private lazy var updateRequestStatement = Result {
        try database.prepare("UPDATE generation_requests SET status = ?, attempts = ?, updated_at = ? WHERE id = ?")
    }
    private lazy var insertOutputStatement = Result {
        try database.prepare("""
            INSERT INTO generation_outputs(response_id, position, text, normalized, label, filter_reason, candidate_id, screen_reason, screen_match, screen_score, counted)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    struct StoredRequest {
        var id: Int64
        var status: RequestStatus
        var attempts: Int
    }

    /// Every request already stored, by key.
    func requestsByKey() throws -> [String: StoredRequest] {
        var result: [String: StoredRequest] = [:]
        _ = try database.prepare("SELECT key, id, status, attempts FROM generation_requests").rows { row in
            let id = row.int64(1)
            guard let status = RequestStatus(rawValue: row.text(2)) else {
                throw GenerationError.storage("generation request \(id) has the unknown status \"\(row.text(2))\"")
            }
            result[row.text(0)] = StoredRequest(id: id, status: status, attempts: row.int(3))
        }
        return result
    }

    func countedCandidates(label: Label) throws -> Int {
        try database.prepare("SELECT COUNT(*) FROM generation_outputs WHERE label = ? AND counted = 1")
            .rows(.int(label.rawValue)) { $0.int(0) }.first ?? 0
    }

    /// Texts of the candidates that counted, oldest first (to remind screens of earlier runs).
    func countedTexts(label: Label) throws -> [String] {
        try database.prepare("SELECT text FROM generation_outputs WHERE label = ? AND counted = 1 ORDER BY id")
            .rows(.int(label.rawValue)) { $0.text(0) }
    }

    /// Normalised texts of every candidate that passed the filters, for duplicate detection.
    func acceptedNormalizedTexts(label: Label) throws -> Set<String> {
        Set(try database.prepare("SELECT normalized FROM generation_outputs WHERE label = ? AND filter_reason = 'accepted'")
            .rows(.int(label.rawValue)) { $0.text(0) })
    }

    func beginRun(
        command: String, arguments: [String], options: GenerationOptions, endpointInfo: String?
    ) throws -> (runID: Int64, generationRunID: Int64) {
        try database.transaction {
            let runID = try workspace.recordRun(command: command, arguments: arguments)
            try database.prepare("""
                INSERT INTO generation_runs(run_id, endpoint_kind, url, model, template, label, settings, redacted, endpoint_info, started_at)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run(
                    .integer(runID), .text(options.endpoint.kind.rawValue), .text(options.endpoint.url),
                    .text(options.endpoint.model), .text(options.template.identity), .int(options.label.rawValue),
                    .text(try JSONText.encode(options.recordedSettings)), .int(options.redact ? 1 : 0),
                    .optionalText(endpointInfo), .text(Timestamp.now()))
            return (runID, database.lastInsertRowID)
        }
    }

    func finishRun(_ generationRunID: Int64, summary: GenerationSummary) throws {
        try database.prepare("UPDATE generation_runs SET finished_at = ?, stop_reason = ?, summary = ? WHERE id = ?")
            .run(.text(Timestamp.now()), .text(summary.stopReason.rawValue), .text(try JSONText.encode(summary)), .integer(generationRunID))
    }

    /// Stores a new request as pending; call before sending it.
    func insertRequest(_ plan: PlannedRequest, generationRunID: Int64, label: Label, template: String) throws -> Int64 {
        let now = now()
        try insertRequestStatement.get().run(
                .text(plan.key), .integer(generationRunID), .int(plan.index), .int(label.rawValue), .text(template),
                .text(plan.exampleIDs.map(String.init).joined(separator: " ")), .integer(Int64(plan.seed)),
                .text(String(decoding: plan.request.body, as: UTF8.self)), .text(RequestStatus.pending.rawValue),
                .text(now), .text(now))
        return database.lastInsertRowID
    }

    struct Attempt {
        var requestID: Int64
        var attempt: Int
        var outcome: AttemptOutcome
        var result: HTTPResult
        var error: String?
        var completion: Completion?
    }

    /// Stores one attempt's answer and moves the request to `status`; returns the response id.
    func recordAttempt(_ attempt: Attempt, status: RequestStatus, generationRunID: Int64) throws -> Int64 {
        let isSuccess = attempt.completion != nil
        // Error bodies are kept short: they are for diagnosis, and a misbehaving server may send megabytes.
        let body = isSuccess ? attempt.result.bodyText : String(decoding: attempt.result.body.prefix(4000), as: UTF8.self)
        let now = now()
        try insertResponseStatement.get().run(
                .integer(attempt.requestID), .integer(generationRunID), .int(attempt.attempt), .text("\(attempt.outcome)"),
                .int(attempt.result.status), .text(body), .optionalText(attempt.error),
                .real(attempt.result.latencySeconds * 1000),
                attempt.completion?.generatedTokens.map { .int($0) } ?? .null,
                .optionalText(attempt.completion?.finishReason), .text(now))
        let responseID = database.lastInsertRowID
        try updateRequestStatement.get()
            .run(.text(status.rawValue), .int(attempt.attempt), .text(now), .integer(attempt.requestID))
        return responseID
    }

    struct Output {
        var position: Int
        var text: String
        var normalized: String
        var filterReason: FilterReason
        var candidateID: Int64?
        var screen: ScreenVerdict?
        var counted: Bool
    }

    func insertOutput(_ output: Output, responseID: Int64, label: Label) throws {
        try insertOutputStatement.get().run(
                .integer(responseID), .int(output.position), .text(output.text), .text(output.normalized),
                .int(label.rawValue), .text(output.filterReason.rawValue), output.candidateID.map { .integer($0) } ?? .null,
                .optionalText(output.screen?.reason), .optionalText(output.screen?.matchedText),
                output.screen?.score.map { .real($0) } ?? .null, .int(output.counted ? 1 : 0))
    }
}
