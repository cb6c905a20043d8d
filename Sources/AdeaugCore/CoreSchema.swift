/// Tables every stage shares: the command runs (provenance) and the examples of the active
/// corpus with their split. The corpus stage writes examples; later stages read them.
enum CoreSchema {
    static let schema = WorkspaceSchema(component: "core", migrations: [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            arguments TEXT NOT NULL,
            started_at TEXT NOT NULL,
            tool_version TEXT NOT NULL
        );
        CREATE TABLE examples (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            text TEXT NOT NULL,
            normalized TEXT NOT NULL,
            label INTEGER NOT NULL CHECK (label IN (0, 1)),
            split TEXT NOT NULL CHECK (split IN ('train', 'test')),
            pmids TEXT NOT NULL,
            source_file TEXT NOT NULL,
            source_line INTEGER NOT NULL,
            row_count INTEGER NOT NULL
        );
        CREATE INDEX examples_by_split ON examples(split, label);
        """,
        // Generated sentences: written by the generation stage, judged by contamination and
        // label checks (each stage keeps its own verdict table keyed by candidate id), then
        // used by rebalancing.
        """
        CREATE TABLE candidates (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            text TEXT NOT NULL,
            normalized TEXT NOT NULL,
            label INTEGER NOT NULL CHECK (label IN (0, 1)),
            origin TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX candidates_by_label ON candidates(label);
        """,
        // What left the machine (see `AuditTrail`): append-only, enforced by triggers.
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            event TEXT NOT NULL CHECK (event IN ('sent', 'answered', 'no_answer')),
            service TEXT NOT NULL,
            host TEXT NOT NULL,
            reference TEXT NOT NULL,
            request_bytes INTEGER,
            prompt_sha256 TEXT,
            prompt TEXT,
            example_ids TEXT,
            redacted INTEGER,
            http_status INTEGER,
            response_bytes INTEGER,
            detail TEXT
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """,
    ])
}
