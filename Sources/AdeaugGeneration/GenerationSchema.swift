import AdeaugCore

/// The generation stage's tables. Every request is stored (with its key) before it is sent and
/// every answer (with its candidates) in the transaction that marks the request answered, so a
/// killed run resumes without paying twice for a request and without losing an answer.
enum GenerationSchema {
    static let schema = WorkspaceSchema(component: "generation", migrations: [
        """
        CREATE TABLE generation_runs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            endpoint_kind TEXT NOT NULL,
            url TEXT NOT NULL,
            model TEXT NOT NULL,
            template TEXT NOT NULL,
            label INTEGER NOT NULL,
            settings TEXT NOT NULL,
            redacted INTEGER NOT NULL,
            endpoint_info TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            stop_reason TEXT,
            summary TEXT
        );
        CREATE TABLE generation_requests (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            generation_run_id INTEGER NOT NULL REFERENCES generation_runs(id),
            plan_index INTEGER NOT NULL,
            label INTEGER NOT NULL,
            template TEXT NOT NULL,
            example_ids TEXT NOT NULL,
            seed INTEGER NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'answered', 'rejected', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE generation_responses (
            id INTEGER PRIMARY KEY,
            request_id INTEGER NOT NULL REFERENCES generation_requests(id),
            generation_run_id INTEGER NOT NULL REFERENCES generation_runs(id),
            attempt INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            body TEXT NOT NULL,
            error TEXT,
            latency_ms REAL NOT NULL,
            tokens INTEGER,
            finish_reason TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX generation_responses_by_request ON generation_responses(request_id);
        CREATE TABLE generation_outputs (
            id INTEGER PRIMARY KEY,
            response_id INTEGER NOT NULL REFERENCES generation_responses(id),
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            normalized TEXT NOT NULL,
            label INTEGER NOT NULL,
            filter_reason TEXT NOT NULL,
            candidate_id INTEGER REFERENCES candidates(id),
            screen_reason TEXT,
            screen_match TEXT,
            screen_score REAL,
            counted INTEGER NOT NULL
        );
        CREATE INDEX generation_outputs_by_label ON generation_outputs(label, counted);
        """,
    ])
}
