import AdeaugCore

/// Corpus statistics of a workspace: how it was ingested, what deduplication did, and the
/// split's counts, overlap, sentence lengths and PubMed IDs (computed at ingest from exactly
/// the examples stored, in the same transaction, so they are read rather than recomputed).
public struct CorpusReport: Sendable, Codable {
    public var workspace: String
    public var ingestedAt: String
    public var ingest: IngestSummary
    public var conflictCount: Int
    public var split: SplitStatistics { ingest.split }

    public init(workspace: Workspace) throws {
        try workspace.migrate(CorpusSchema.schema)
        let latest = try workspace.database.prepare(
            "SELECT summary_json, created_at FROM corpus_ingests ORDER BY run_id DESC LIMIT 1"
        ).rows { ($0.text(0), $0.text(1)) }
        guard let (summaryJSON, createdAt) = latest.first else {
            throw WorkspaceError.noCorpus(directory: workspace.directory.path)
        }
        self.workspace = workspace.directory.path
        ingestedAt = createdAt
        ingest = try JSONText.decode(IngestSummary.self, from: summaryJSON)
        conflictCount = try workspace.database.prepare("SELECT count(*) FROM corpus_conflicts").rows { $0.int(0) }.first ?? 0
    }
}

extension CorpusReport {
    /// The report as a person reads it.
    public var text: String {
        let d = ingest.deduplication
        var lines: [String] = []
        lines.append("Workspace \(workspace) (ingested \(ingestedAt))")
        lines.append("Corpus    \(ingest.corpusPath) [\(ingest.format.rawValue)]")
        lines.append("")
        lines.append("Raw rows             \(pad(d.rawRows)) (\(d.rawPositiveRows) positive, \(d.rawNegativeRows) negative)")
        lines.append("Exact duplicates     \(pad(d.exactDuplicateRows)) rows")
        lines.append("Distinct (exact)     \(pad(d.exactDistinctPositive + d.exactDistinctNegative)) (\(d.exactDistinctPositive) positive, \(d.exactDistinctNegative) negative)")
        lines.append("Merged by normalising\(pad(d.normalizationMerges)) texts")
        lines.append("Label conflicts      \(pad(d.conflicts)) (\(d.conflictsExcluded) excluded, policy \(ingest.conflictPolicy.rawValue))")
        lines.append("Unique sentences     \(pad(d.uniquePositive + d.uniqueNegative)) (\(d.uniquePositive) positive, \(d.uniqueNegative) negative)")
        lines.append("")
        let unit = ingest.splitMethod == .rows ? "rows" : "sentences"
        lines.append("Split: \(ingest.splitMethod.rawValue), test fraction \(ingest.testFraction), seed \(ingest.seed) (\(unit))")
        lines.append("            total  positive  negative  positive share  PMIDs  words median (p25-p75, max)")
        for (name, counts, lengths, pmids) in [
            ("train", split.train, split.trainLengths, split.trainPMIDs), ("test", split.test, split.testLengths, split.testPMIDs),
        ] {
            let share = counts.total == 0 ? 0 : Double(counts.positive) / Double(counts.total)
            lines.append("  \(name.padding(toLength: 6, withPad: " ", startingAt: 0))\(pad(counts.total, 9))\(pad(counts.positive, 10))\(pad(counts.negative, 10))\(String(format: "%15.3f", share))\(pad(pmids, 7))  \(lengths.median) (\(lengths.p25)-\(lengths.p75), \(lengths.max))")
        }
        lines.append("PMIDs on both sides  \(split.sharedPMIDs)")
        let overlap = split.overlap
        lines.append("Test \(unit) also in train: exact \(overlap.exact.total) (\(overlap.exact.positive) positive), normalised \(overlap.normalized.total) (\(overlap.normalized.positive) positive)")
        if ingest.splitMethod == .rows || overlap.exact.positive > 0 {
            lines.append(String(
                format: "LEAKAGE: %d of %d test positives (%.1f%%) have an exact copy in training; scores on this split overstate performance on unseen sentences.",
                overlap.exact.positive, split.test.positive, overlap.exactPositiveShare * 100))
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ value: Int, _ width: Int = 7) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
