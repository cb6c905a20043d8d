import AdeaugCore

/// The contamination stage's tables in the workspace.
///
/// `contamination_verdicts` holds one row per checked sentence and run: `scope` is
/// `candidates` (the workspace's generated candidates: the verdict decides whether they enter
/// training), `files` (a user's candidate file checked with `--record`), or `audit` (test
/// sentences of the corpus split checked against train and the pretraining index).
/// `candidate_id` is the candidate's id, a file's `FILE:LINE` or JSONL `id`, or the example id.
///
/// Version 2 added the `files` scope, so that recording a file check never hides the latest
/// workspace check that rebalancing reads (SQLite cannot change a CHECK: the table is rebuilt).
public enum ContaminationSchema {
    public static let schema = WorkspaceSchema(component: "contamination", migrations: [
        """
        CREATE TABLE contamination_verdicts (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            scope TEXT NOT NULL CHECK (scope IN ('candidates', 'audit')),
            position INTEGER NOT NULL,
            candidate_id TEXT NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('accepted', 'test_near_duplicate', 'train_near_copy',
                'candidate_duplicate', 'pretraining_hit', 'generation_filter')),
            matched_id TEXT,
            matched_text TEXT,
            score REAL,
            edit_distance INTEGER,
            exact INTEGER,
            pretraining_fraction REAL,
            pretraining_url TEXT,
            PRIMARY KEY (run_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX contamination_verdicts_by_reason ON contamination_verdicts(scope, reason);
        """,
        """
        CREATE TABLE contamination_verdicts_v2 (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            scope TEXT NOT NULL CHECK (scope IN ('candidates', 'files', 'audit')),
            position INTEGER NOT NULL,
            candidate_id TEXT NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('accepted', 'test_near_duplicate', 'train_near_copy',
                'candidate_duplicate', 'pretraining_hit', 'generation_filter')),
            matched_id TEXT,
            matched_text TEXT,
            score REAL,
            edit_distance INTEGER,
            exact INTEGER,
            pretraining_fraction REAL,
            pretraining_url TEXT,
            PRIMARY KEY (run_id, position)
        ) WITHOUT ROWID;
        INSERT INTO contamination_verdicts_v2 SELECT * FROM contamination_verdicts;
        DROP TABLE contamination_verdicts;
        ALTER TABLE contamination_verdicts_v2 RENAME TO contamination_verdicts;
        CREATE INDEX contamination_verdicts_by_reason ON contamination_verdicts(scope, reason);
        """,
    ])
}
