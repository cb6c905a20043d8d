import AdeaugCore
import Foundation

/// An n-gram index of pretraining text (Falcon RefinedWeb) in one SQLite file.
///
/// Tables (the big one WITHOUT ROWID: the key is the 64-bit hash itself, so a row costs the key
/// and a document number, with no second B-tree):
/// - `settings`: n-gram size, window, hash version; a query with other settings is refused.
/// - `grams(hash, document)`: winnowed n-gram fingerprints and whole short sentences, each with
///   the first document it was seen in.
/// - `documents(id, shard, row, url)`: provenance of each indexed document.
/// - `shards(id, path, rows_done, complete, …)`: input files and how far each got, so that a
///   killed build resumes where its last committed batch ended, and files can be added later.
///
/// Guarantees (tested): a sentence of at least `guaranteedSpan` (13) words that appears
/// verbatim (after normalisation) in an indexed document is found with fraction 1; a shorter
/// sentence is found when it is a sentence of an indexed document (split at `.`, `!`, `?`, line
/// breaks); any shared span of 13 words gives at least one matching fingerprint.
public final class PretrainingIndex: PretrainingLookup {
    public let path: String
    public let settings: NGramSettings
    package let database: Database
    private let tokenizer = WebTextTokenizer()
    private lazy var lookupStatement = try? database.prepare("SELECT document FROM grams WHERE hash = ?")

    /// Opens an existing index (`readOnly`: refuses to create one), or creates one with `settings`.
    public init(path: String, readOnly: Bool, settings requested: NGramSettings? = nil) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if readOnly && !exists {
            throw ContaminationError.unreadable(file: path, reason: "no such index (build one with `adeaug index build`)")
        }
        let database: Database
        do {
            database = try Database(path: path, create: !readOnly)
        } catch {
            throw ContaminationError.unreadable(file: path, reason: "cannot open as SQLite: \(error)")
        }
        do {
            if !readOnly {
                try database.execute("""
                    PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;
                    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS grams (hash INTEGER PRIMARY KEY, document INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS shards (
                        id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, rows_done INTEGER NOT NULL DEFAULT 0,
                        complete INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0,
                        bytes INTEGER NOT NULL DEFAULT 0, grams INTEGER NOT NULL DEFAULT 0, finished_at TEXT);
                    CREATE TABLE IF NOT EXISTS documents (
                        id INTEGER PRIMARY KEY, shard INTEGER NOT NULL REFERENCES shards(id),
                        row INTEGER NOT NULL, url TEXT);
                    """)
            }
            let stored = try Self.storedSettings(database)
            if let stored {
                if let requested, requested != stored {
                    throw ContaminationError.invalidArgument(
                        "\(path): index built with \(stored.gram)-grams and window \(stored.window), not \(requested.gram) and \(requested.window)")
                }
                settings = stored
            } else if readOnly {
                throw ContaminationError.unreadable(file: path, reason: "not an adeaug pretraining index")
            } else {
                let chosen = requested ?? .default
                try database.transaction {
                    let insert = try database.prepare("INSERT INTO settings(key, value) VALUES(?, ?)")
                    try insert.run(.text("gram"), .int(chosen.gram))
                    try insert.run(.text("window"), .int(chosen.window))
                    try insert.run(.text("hash_version"), .int(NGramSettings.hashVersion))
                }
                settings = chosen
            }
            self.database = database
        } catch let error as ContaminationError {
            throw error
        } catch {
            throw ContaminationError.unreadable(file: path, reason: "\(error)")
        }
    }

    private static func storedSettings(_ database: Database) throws -> NGramSettings? {
        let hasTable = try database.prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'settings'"
        ).rows { $0.int(0) }.first ?? 0
        guard hasTable > 0 else { return nil }
        var values: [String: Int] = [:]
        for (key, value) in try database.prepare("SELECT key, value FROM settings").rows(map: { ($0.text(0), $0.int(1)) }) {
            values[key] = value
        }
        guard let gram = values["gram"], let window = values["window"] else { return nil }
        if let version = values["hash_version"], version != NGramSettings.hashVersion {
            throw ContaminationError.invalidArgument(
                "index hashed with version \(version), this adeaug uses \(NGramSettings.hashVersion): rebuild it")
        }
        return NGramSettings(gram: gram, window: window)
    }

    /// How much of `text` the index holds.
    public func lookup(_ text: String) throws -> PretrainingEvidence {
        let tokens = tokenizer.tokenize(text).tokens
        var documentHits: [Int64: Int] = [:]
        var fraction = 0.0
        var longestSpan = 0
        if tokens.count < settings.guaranteedSpan, !tokens.isEmpty {
            if let document = try document(for: Winnowing.sentenceHash(tokens[...])) {
                fraction = 1
                longestSpan = tokens.count
                documentHits[document, default: 0] += 1
            }
        }
        let fingerprints = Winnowing.fingerprints(tokens, settings: settings)
        if !fingerprints.isEmpty {
            var found = 0
            var runStart: Int?
            var previousFound = false
            for fingerprint in fingerprints {
                if let document = try document(for: fingerprint.hash) {
                    found += 1
                    documentHits[document, default: 0] += 1
                    if !previousFound { runStart = fingerprint.position }
                    longestSpan = max(longestSpan, fingerprint.position - (runStart ?? fingerprint.position) + settings.gram)
                    previousFound = true
                } else {
                    previousFound = false
                }
            }
            fraction = max(fraction, Double(found) / Double(fingerprints.count))
            // Fingerprints only bound a span from below; when every one is found, the sentence
            // is taken as matched whole (what a verbatim copy gives).
            if found == fingerprints.count { longestSpan = max(longestSpan, tokens.count) }
        }
        let ranked = documentHits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var urls: [String] = []
        for (document, _) in ranked.prefix(5) {
            urls.append(try url(of: document))
        }
        return PretrainingEvidence(fraction: fraction, longestSpan: longestSpan, urls: urls)
    }

    private func document(for hash: UInt64) throws -> Int64? {
        guard let statement = lookupStatement else {
            throw ContaminationError.unreadable(file: path, reason: "not an adeaug pretraining index")
        }
        try statement.bind(.integer(Int64(bitPattern: hash)))
        return try statement.step() ? statement.int64(0) : nil
    }

    /// The document's URL, or `SHARD_PATH#ROW` when it has none.
    private func url(of document: Int64) throws -> String {
        let rows = try database.prepare(
            "SELECT d.url, s.path, d.row FROM documents d JOIN shards s ON s.id = d.shard WHERE d.id = ?"
        ).rows(.integer(document)) { row in
            row.optionalText(0).flatMap { $0.isEmpty ? nil : $0 } ?? "\(row.text(1))#\(row.int(2))"
        }
        return rows.first ?? "document \(document)"
    }

    /// Counts for `index query`/`bench`: documents, stored hashes, input files done.
    public func statistics() throws -> IndexStatistics {
        let documents = try database.prepare("SELECT count(*) FROM documents").rows { $0.int(0) }.first ?? 0
        let grams = try database.prepare("SELECT count(*) FROM grams").rows { $0.int(0) }.first ?? 0
        let shards = try database.prepare("SELECT count(*), coalesce(sum(complete), 0), coalesce(sum(bytes), 0) FROM shards")
            .rows { ($0.int(0), $0.int(1), $0.int(2)) }.first ?? (0, 0, 0)
        return IndexStatistics(
            documents: documents, storedHashes: grams, files: shards.0, completeFiles: shards.1,
            textBytes: shards.2, gram: settings.gram, window: settings.window)
    }
}
