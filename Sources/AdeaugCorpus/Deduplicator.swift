import AdeaugCore

/// What to do with a sentence that the corpus gives both labels.
public enum ConflictPolicy: String, Sendable, CaseIterable, Codable {
    /// Leave it out of both splits (default: its label is unknown).
    case exclude
    /// Keep it as `Adverse_Event`.
    case positive
    /// Keep it as `Not_AE`.
    case negative
    /// Keep the label most of its rows carry; exclude it on a tie.
    case majority
}

/// A distinct sentence (after `TextNormalizer`) with everything known about its rows.
public struct DistinctSentence: Sendable, Hashable {
    public var text: String
    public var normalized: String
    public var label: Label
    public var pmids: [String]
    public var source: SourceLocation
    public var rowCount: Int
    public var givenSplit: SplitName?
}

/// A normalised text that rows label both ways.
public struct LabelConflict: Sendable, Hashable, Codable {
    public var text: String
    public var normalized: String
    public var positiveRows: [SourceLocation]
    public var negativeRows: [SourceLocation]
    /// The label kept under the policy, or nil when the sentence was excluded.
    public var resolution: Label?
}

/// Counts that explain how raw rows became distinct sentences.
public struct DeduplicationStats: Sendable, Hashable, Codable {
    public var rawRows = 0
    public var rawPositiveRows = 0
    public var rawNegativeRows = 0
    /// Distinct texts per label before normalisation (exact string match).
    public var exactDistinctPositive = 0
    public var exactDistinctNegative = 0
    /// Rows dropped because the same text with the same label came before.
    public var exactDuplicateRows = 0
    /// Texts that differ as strings but are one text after normalisation.
    public var normalizationMerges = 0
    public var conflicts = 0
    public var conflictsExcluded = 0
    /// Distinct sentences kept, per label.
    public var uniquePositive = 0
    public var uniqueNegative = 0
}

/// Folds raw rows into distinct sentences: exact duplicates first, then texts equal after
/// normalisation; a text with both labels is a conflict settled by the policy.
public struct Deduplicator: Sendable {
    public var normalizer = TextNormalizer()
    public var conflictPolicy: ConflictPolicy
    /// When false, only exact duplicates fold into one sentence; texts equal after
    /// normalisation stay apart. A pre-split input is kept as given so that figures measured
    /// on it (the PyTorch reference split) are reproduced on exactly the same sentences.
    public var mergesNormalizedDuplicates: Bool

    public init(conflictPolicy: ConflictPolicy = .exclude, mergesNormalizedDuplicates: Bool = true) {
        self.conflictPolicy = conflictPolicy
        self.mergesNormalizedDuplicates = mergesNormalizedDuplicates
    }

    public struct Result: Sendable {
        public var sentences: [DistinctSentence]
        public var conflicts: [LabelConflict]
        public var stats: DeduplicationStats
    }

    /// Groups rows by normalised text (and by given split, so a pre-split input keeps its
    /// sides; overlap between them is the report's business). Order follows first appearance.
    public func deduplicate(_ rows: [CorpusRow]) -> Result {
        var stats = DeduplicationStats()
        struct Group {
            var first: CorpusRow
            var normalized: String
            var rows: [CorpusRow]
            var distinctTexts: Set<String>
        }
        struct Key: Hashable {
            var normalized: String
            var split: SplitName?
        }
        var groups: [Group] = []
        var index: [Key: Int] = [:]
        var seenExact = Set<ExactKey>()
        for row in rows {
            stats.rawRows += 1
            if row.label == .adverseEvent { stats.rawPositiveRows += 1 } else { stats.rawNegativeRows += 1 }
            if seenExact.insert(ExactKey(text: row.text, label: row.label, split: row.givenSplit)).inserted {
                if row.label == .adverseEvent { stats.exactDistinctPositive += 1 } else { stats.exactDistinctNegative += 1 }
            } else {
                stats.exactDuplicateRows += 1
            }
            let normalized = normalizer.normalize(row.text)
            let key = Key(normalized: mergesNormalizedDuplicates ? normalized : row.text, split: row.givenSplit)
            if let position = index[key] {
                groups[position].rows.append(row)
                groups[position].distinctTexts.insert(row.text)
            } else {
                index[key] = groups.count
                groups.append(Group(first: row, normalized: normalized, rows: [row], distinctTexts: [row.text]))
            }
        }

        var sentences: [DistinctSentence] = []
        var conflicts: [LabelConflict] = []
        sentences.reserveCapacity(groups.count)
        for group in groups {
            stats.normalizationMerges += group.distinctTexts.count - 1
            let positives = group.rows.filter { $0.label == .adverseEvent }
            let negatives = group.rows.filter { $0.label == .notAdverseEvent }
            var label = group.first.label
            if !positives.isEmpty && !negatives.isEmpty {
                let resolution = resolve(positives: positives.count, negatives: negatives.count)
                conflicts.append(LabelConflict(
                    text: group.first.text, normalized: group.normalized,
                    positiveRows: positives.map(\.source), negativeRows: negatives.map(\.source),
                    resolution: resolution))
                stats.conflicts += 1
                guard let resolution else {
                    stats.conflictsExcluded += 1
                    continue
                }
                label = resolution
            }
            if label == .adverseEvent { stats.uniquePositive += 1 } else { stats.uniqueNegative += 1 }
            sentences.append(DistinctSentence(
                text: group.first.text, normalized: group.normalized, label: label,
                pmids: Array(Set(group.rows.compactMap(\.pmid))).sorted(),
                source: group.first.source, rowCount: group.rows.count, givenSplit: group.first.givenSplit))
        }
        return Result(sentences: sentences, conflicts: conflicts, stats: stats)
    }

    private struct ExactKey: Hashable {
        var text: String
        var label: Label
        var split: SplitName?
    }

    private func resolve(positives: Int, negatives: Int) -> Label? {
        switch conflictPolicy {
        case .exclude: nil
        case .positive: .adverseEvent
        case .negative: .notAdverseEvent
        case .majority: positives == negatives ? nil : (positives > negatives ? .adverseEvent : .notAdverseEvent)
        }
    }
}
