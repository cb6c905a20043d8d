import AdeaugCore

/// What each conditioned request asked about, one row per request (plain requests have none).
/// A table of its own rather than columns of `generation_requests`: workspaces written before
/// conditioning existed gain it without touching the requests they hold.
enum ConditioningSchema {
    static let schema = WorkspaceSchema(component: "generation-conditioning", migrations: [
        """
        CREATE TABLE generation_request_attributes (
            request_id INTEGER PRIMARY KEY REFERENCES generation_requests(id),
            drug TEXT NOT NULL,
            effect TEXT,
            pairing TEXT NOT NULL CHECK (pairing IN ('seen', 'recombined', 'drug-only'))
        );
        """,
    ])
}
