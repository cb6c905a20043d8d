import AdeaugCore

/// The experiments stage's tables: training sets with their recipe and items, and one row per
/// finished training run of a comparison (so a killed comparison resumes without repeating one).
enum ExperimentsSchema {
    static let schema = WorkspaceSchema(component: "experiments", migrations: [
        """
        CREATE TABLE training_sets (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            name TEXT NOT NULL UNIQUE,
            recipe_json TEXT NOT NULL,
            summary_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE training_set_items (
            set_id INTEGER NOT NULL REFERENCES training_sets(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            label INTEGER NOT NULL CHECK (label IN (0, 1)),
            origin TEXT NOT NULL,
            source_id INTEGER NOT NULL,
            PRIMARY KEY (set_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE comparison_runs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            protocol TEXT NOT NULL,
            condition TEXT NOT NULL,
            seed INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            test_fingerprint TEXT NOT NULL,
            result_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (protocol, condition, seed, fingerprint, test_fingerprint)
        );
        """,
        """
        CREATE TABLE label_filter_verdicts (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            candidate_id INTEGER NOT NULL,
            probability REAL NOT NULL,
            threshold REAL NOT NULL,
            accepted INTEGER NOT NULL,
            PRIMARY KEY (run_id, candidate_id)
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE tuning_results (
            run_id INTEGER PRIMARY KEY REFERENCES runs(id),
            outcome_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """,
    ])
}
