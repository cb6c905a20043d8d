import AdeaugCore

/// Words the corpus's annotations name, for stages that must treat them with care.
public enum CorpusVocabulary {
    /// Lower-cased drug names annotated in `DRUG-AE.rel` (empty for formats without annotations).
    public static func drugNames(in workspace: Workspace) throws -> Set<String> {
        try workspace.migrate(CorpusSchema.schema)
        let names = try workspace.database.prepare(
            "SELECT DISTINCT lower(drug) FROM corpus_rows WHERE drug IS NOT NULL AND drug <> ''"
        ).rows { $0.text(0) }
        return Set(names)
    }

    /// Drug names of each training example, by example id (for varied few-shot prompts).
    public static func drugsByExample(in workspace: Workspace) throws -> [Int64: Set<String>] {
        try workspace.migrate(CorpusSchema.schema)
        var result: [Int64: Set<String>] = [:]
        let rows = try workspace.database.prepare("""
            SELECT e.id, lower(r.drug) FROM examples e JOIN corpus_rows r ON r.text = e.text
            WHERE r.drug IS NOT NULL
            """).rows { ($0.int64(0), $0.text(1)) }
        for (id, drug) in rows { result[id, default: []].insert(drug) }
        return result
    }

    /// The drug–effect pairs annotated in training sentences (DRUG-AE.rel), never the test
    /// split's: conditioned prompts draw from them. Distinct, in a stable order.
    public static func trainingPairs(in workspace: Workspace) throws -> [DrugEffectPair] {
        try workspace.migrate(CorpusSchema.schema)
        // The same join as `drugsByExample`, filtered here: with the split and label in the
        // WHERE clause SQLite's planner drops the automatic index on text and takes minutes.
        let rows = try workspace.database.prepare("""
            SELECT e.split, r.drug, r.effect FROM examples e JOIN corpus_rows r ON r.text = e.text
            WHERE r.drug IS NOT NULL AND r.effect IS NOT NULL
            """).rows { ($0.text(0), $0.text(1), $0.text(2)) }
        var seen: Set<DrugEffectPair> = []
        var pairs: [DrugEffectPair] = []
        for (split, drug, effect) in rows where split == SplitName.train.rawValue && !drug.isEmpty && !effect.isEmpty {
            let pair = DrugEffectPair(drug: drug, effect: effect)
            if seen.insert(pair).inserted { pairs.append(pair) }
        }
        return pairs.sorted { ($0.drug, $0.effect) < ($1.drug, $1.effect) }
    }
}
