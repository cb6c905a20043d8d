import AdeaugCore

/// The contamination stage's tables in the workspace.
///
/// `contamination_verdicts` holds one row per checked sentence and run: `scope` is
/// `candidates` (generated or user candidates: the verdict decides whether they enter
/// training) or `audit` (test sentences of the corpus split checked against train and the
/// pretraining index). `candidate_id` is the generation stage's candidate id, a file's
/// `FILE:LINE` or JSONL `id`, or the example id for an audit.
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
    ])
}
