import AdeaugCore

/// The corpus stage's tables: every raw row with its provenance, the label conflicts, and one
/// record per ingest with its settings and figures. The examples themselves are core's.
enum CorpusSchema {
    static let schema = WorkspaceSchema(component: "corpus", migrations: [
        """
        CREATE TABLE corpus_ingests (
            run_id INTEGER PRIMARY KEY REFERENCES runs(id),
            corpus_path TEXT NOT NULL,
            format TEXT NOT NULL,
            split_method TEXT NOT NULL,
            test_fraction REAL NOT NULL,
            seed INTEGER NOT NULL,
            conflict_policy TEXT NOT NULL,
            summary_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE corpus_rows (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source_file TEXT NOT NULL,
            source_line INTEGER NOT NULL,
            pmid TEXT,
            text TEXT NOT NULL,
            label INTEGER NOT NULL CHECK (label IN (0, 1)),
            given_split TEXT
        );
        CREATE TABLE corpus_conflicts (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            text TEXT NOT NULL,
            normalized TEXT NOT NULL,
            positive_rows TEXT NOT NULL,
            negative_rows TEXT NOT NULL,
            resolution TEXT NOT NULL
        );
        """,
        // The drug and effect annotations of DRUG-AE.rel: EDA keeps drug names intact, and
        // few-shot sampling can vary drugs across examples.
        """
        ALTER TABLE corpus_rows ADD COLUMN drug TEXT;
        ALTER TABLE corpus_rows ADD COLUMN effect TEXT;
        """,
    ])
}
