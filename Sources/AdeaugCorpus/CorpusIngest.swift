import AdeaugCore
import Foundation
import Logging

/// Reads, deduplicates and splits a corpus, then stores it in a workspace in one transaction:
/// a bad file or a killed process leaves the workspace exactly as it was.
public struct CorpusIngest: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions) {
        self.options = options
    }

    /// The corpus in memory, split: what `run` stores. Separate so that a benchmark can time it.
    public struct Prepared: Sendable {
        public var loaded: LoadedCorpus
        public var examples: [NewExample]
        public var conflicts: [LabelConflict]
        public var summary: IngestSummary
        /// How long reading, deduplicating and splitting took (for `adeaug bench ingest`).
        public var timings: StepTimings
    }

    public struct StepTimings: Sendable {
        public var read: Duration
        public var deduplicate: Duration
        public var split: Duration
    }

    public func prepare(logger: Logger) throws -> Prepared {
        try options.validate()
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = try CorpusLoader(columns: options.columns).load(path: options.corpusPath, format: options.format)
        logger.debug("read \(loaded.rows.count) rows from \(loaded.files.joined(separator: ", "))")
        let method = options.splitMethod ?? (loaded.hasGivenSplit ? .given : .stratified)
        if method == .given && !loaded.hasGivenSplit {
            throw CorpusError.invalidOption(
                "--split given needs input that comes split (a folder with train and test files); \(options.corpusPath) does not.")
        }
        let afterRead = clock.now
        let deduplicator = Deduplicator(conflictPolicy: options.conflictPolicy, mergesNormalizedDuplicates: method != .given)
        let deduplicated = deduplicator.deduplicate(loaded.rows)
        let afterDeduplicate = clock.now
        let splitter = Splitter(method: method, testFraction: options.testFraction, seed: options.seed)
        let examples = method == .rows
            ? splitter.split(rows: loaded.rows, normalizer: deduplicator.normalizer)
            : try splitter.split(deduplicated.sentences)
        let timings = StepTimings(read: afterRead - start, deduplicate: afterDeduplicate - afterRead, split: clock.now - afterDeduplicate)
        let statistics = SplitStatistics(examples: examples)
        let summary = IngestSummary(
            corpusPath: options.corpusPath, files: loaded.files, format: loaded.format, splitMethod: method,
            testFraction: options.testFraction, seed: options.seed, conflictPolicy: options.conflictPolicy,
            deduplication: deduplicated.stats,
            conflicts: Array(deduplicated.conflicts.prefix(IngestSummary.conflictSampleLimit)),
            split: statistics)
        return Prepared(loaded: loaded, examples: examples, conflicts: deduplicated.conflicts, summary: summary, timings: timings)
    }

    /// Prepares the corpus, then replaces the workspace's corpus with it.
    @discardableResult
    public func run(workspace location: WorkspaceLocation, arguments: [String], logger: Logger) throws -> IngestSummary {
        let prepared = try prepare(logger: logger)  // all validation before the workspace is touched
        let workspace = try Workspace(location: location, create: true)
        try store(prepared, in: workspace, arguments: arguments)
        logger.debug("stored \(prepared.examples.count) examples in \(workspace.directory.path)")
        return prepared.summary
    }

    /// The same into a plain workspace folder.
    @discardableResult
    public func run(workspaceDirectory: String, arguments: [String], logger: Logger) throws -> IngestSummary {
        try run(workspace: WorkspaceLocation(directory: workspaceDirectory), arguments: arguments, logger: logger)
    }

    public func store(_ prepared: Prepared, in workspace: Workspace, arguments: [String]) throws {
        try workspace.migrate(CorpusSchema.schema)
        let database = workspace.database
        try database.transaction {
            let runID = try workspace.recordRun(command: "ingest", arguments: arguments)
            try database.execute("DELETE FROM corpus_rows; DELETE FROM corpus_conflicts;")
            let insertRow = try database.prepare("""
                INSERT INTO corpus_rows(run_id, source_file, source_line, pmid, text, label, given_split, drug, effect)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in prepared.loaded.rows {
                try insertRow.run(
                    .integer(runID), .text(row.source.file), .int(row.source.line), .optionalText(row.pmid),
                    .text(row.text), .int(row.label.rawValue), .optionalText(row.givenSplit?.rawValue),
                    .optionalText(row.drug), .optionalText(row.effect))
            }
            let insertConflict = try database.prepare("""
                INSERT INTO corpus_conflicts(run_id, text, normalized, positive_rows, negative_rows, resolution)
                VALUES(?, ?, ?, ?, ?, ?)
                """)
            for conflict in prepared.conflicts {
                try insertConflict.run(
                    .integer(runID), .text(conflict.text), .text(conflict.normalized),
                    .text(conflict.positiveRows.map(\.description).joined(separator: "\n")),
                    .text(conflict.negativeRows.map(\.description).joined(separator: "\n")),
                    .text(conflict.resolution?.name ?? "excluded"))
            }
            try workspace.replaceExamples(prepared.examples, runID: runID)
            let summary = prepared.summary
            try database.prepare("""
                INSERT INTO corpus_ingests(run_id, corpus_path, format, split_method, test_fraction, seed, conflict_policy, summary_json, created_at)
                VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run(
                    .integer(runID), .text(summary.corpusPath), .text(summary.format.rawValue),
                    .text(summary.splitMethod.rawValue), .real(summary.testFraction), .integer(Int64(bitPattern: summary.seed)),
                    .text(summary.conflictPolicy.rawValue), .text(try JSONText.encode(summary)), .text(Timestamp.now()))
        }
    }
}
