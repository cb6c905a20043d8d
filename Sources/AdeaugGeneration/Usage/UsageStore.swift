import AdeaugCore

/// Token usage of every answered request, one row per response, kept in its own table so the
/// budget survives restarts: a resumed run starts from what earlier runs spent.
final class UsageStore {
    private let database: Database

    static let schema = WorkspaceSchema(component: "generation-usage", migrations: [
        """
        CREATE TABLE generation_usage (
            response_id INTEGER PRIMARY KEY REFERENCES generation_responses(id),
            label INTEGER NOT NULL,
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL,
            prompt_reported INTEGER NOT NULL,
            completion_reported INTEGER NOT NULL
        );
        """,
    ])

    init(workspace: Workspace) throws {
        database = workspace.database
        try workspace.migrate(Self.schema)
    }

    private lazy var insertStatement = Result {
        try database.prepare("""
            INSERT INTO generation_usage(response_id, label, prompt_tokens, completion_tokens, prompt_reported, completion_reported)
            VALUES(?, ?, ?, ?, ?, ?)
            """)
    }

    func record(_ usage: TokenUsage, responseID: Int64, label: Label) throws {
        try insertStatement.get().run(
            .integer(responseID), .int(label.rawValue), .int(usage.promptTokens), .int(usage.completionTokens),
            .int(usage.promptReported ? 1 : 0), .int(usage.completionReported ? 1 : 0))
    }

    struct Totals: Sendable, Hashable {
        var responses = 0
        var promptTokens = 0
        var completionTokens = 0
        /// Responses whose prompt (completion) tokens were approximated.
        var promptApproximated = 0
        var completionApproximated = 0
    }

    /// What every run spent on one class.
    func totals(label: Label) throws -> Totals {
        try database.prepare("""
            SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),
                   COALESCE(SUM(1 - prompt_reported), 0), COALESCE(SUM(1 - completion_reported), 0)
            FROM generation_usage WHERE label = ?
            """).rows(.int(label.rawValue)) {
                Totals(responses: $0.int(0), promptTokens: $0.int(1), completionTokens: $0.int(2),
                       promptApproximated: $0.int(3), completionApproximated: $0.int(4))
            }.first ?? Totals()
    }
}
