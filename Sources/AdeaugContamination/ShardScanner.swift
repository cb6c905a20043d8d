import AdeaugCore
import Foundation

/// `adeaug scan`: streams pretraining shards past a fixed `ScanQuerySet` and stores the hits
/// with provenance in a small SQLite file. The scalable path for the full RefinedWeb (5,534
/// Parquet files): nothing of the shards is stored, one process handles one shard (or every
/// N-th, `--shard i/N`), and `scan merge` combines the outputs.
///
/// Each shard's hits are written in one transaction with the shard's row in `scan_shards`, so
/// a killed scan resumes with the next shard and never stores half a shard.
public struct ShardScanner {
    public let querySet: ScanQuerySet
    public let output: Database
    private let tokenizer = WebTextTokenizer()

    public static let schema = """
        CREATE TABLE IF NOT EXISTS scan_settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS scan_queries (id TEXT PRIMARY KEY, text TEXT NOT NULL, grams INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS scan_shards (
            path TEXT PRIMARY KEY, documents INTEGER NOT NULL, bytes INTEGER NOT NULL, seconds REAL NOT NULL,
            hits INTEGER NOT NULL, finished_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS scan_hits (
            query_id TEXT NOT NULL, shard TEXT NOT NULL, row INTEGER NOT NULL, url TEXT,
            matched INTEGER NOT NULL, total INTEGER NOT NULL,
            PRIMARY KEY (query_id, shard, row)) WITHOUT ROWID;
        """

    /// Opens (creating) the output file and records the query set in it.
    public init(querySet: ScanQuerySet, outputPath: String) throws {
        self.querySet = querySet
        do {
            output = try Database(path: outputPath, create: true)
            try output.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + Self.schema)
            try output.transaction {
                let setting = try output.prepare("INSERT OR REPLACE INTO scan_settings(key, value) VALUES(?, ?)")
                try setting.run(.text("gram"), .int(querySet.settings.gram))
                try setting.run(.text("hash_version"), .int(NGramSettings.hashVersion))
                let query = try output.prepare("INSERT OR IGNORE INTO scan_queries(id, text, grams) VALUES(?, ?, ?)")
                for (number, sentence) in querySet.queries.enumerated() {
                    try query.run(.text(sentence.id), .text(sentence.text), .int(querySet.gramCounts[number]))
                }
            }
        } catch let error as ContaminationError {
            throw error
        } catch {
            throw ContaminationError.unreadable(file: outputPath, reason: "cannot write scan output: \(error)")
        }
    }

    /// What scanning one shard did.
    public struct ShardResult: Sendable, Codable {
        public var path: String
        public var skipped: Bool
        public var documents: Int
        public var bytes: Int
        public var hits: Int
        public var seconds: Double
    }

    /// Scans one shard unless it is already done.
    public func scan(path: String) throws -> ShardResult {
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        let done = try output.prepare("SELECT count(*) FROM scan_shards WHERE path = ?").rows(.text(key)) { $0.int(0) }.first ?? 0
        if done > 0 { return ShardResult(path: path, skipped: true, documents: 0, bytes: 0, hits: 0, seconds: 0) }
        let started = Date()
        var hits: [ScanHit] = []
        var documents = 0
        var bytes = 0
        try DocumentSources.open(path).forEachDocument(from: 0) { document in
            documents += 1
            bytes += document.content.utf8.count
            hits.append(contentsOf: scan(document, shard: key))
        }
        let seconds = Date().timeIntervalSince(started)
        try output.transaction {
            let insert = try output.prepare(
                "INSERT OR REPLACE INTO scan_hits(query_id, shard, row, url, matched, total) VALUES(?, ?, ?, ?, ?, ?)")
            for hit in hits {
                try insert.run(.text(hit.queryID), .text(hit.shard), .int(hit.row), .optionalText(hit.url), .int(hit.matched), .int(hit.total))
            }
            try output.prepare(
                "INSERT INTO scan_shards(path, documents, bytes, seconds, hits, finished_at) VALUES(?, ?, ?, ?, ?, ?)"
            ).run(.text(key), .int(documents), .int(bytes), .real(seconds), .int(hits.count), .text(Timestamp.now()))
        }
        return ShardResult(path: path, skipped: false, documents: documents, bytes: bytes, hits: hits.count, seconds: seconds)
    }

    /// The queries found in one document.
    public func scan(_ document: WebDocument, shard: String) -> [ScanHit] {
        let tokenized = tokenizer.tokenize(document.content)
        var found: [Int32: Set<UInt64>] = [:]
        for hash in Winnowing.gramHashes(tokenized.tokens, gram: querySet.settings.gram) {
            guard let owners = querySet.owners(of: hash) else { continue }
            for owner in owners { found[owner, default: []].insert(hash) }
        }
        var start = 0
        for end in tokenized.sentenceEnds {
            if end > start, end - start < querySet.settings.guaranteedSpan {
                let hash = Winnowing.sentenceHash(tokenized.tokens[start..<end])
                for owner in querySet.owners(of: hash) ?? [] {
                    found[owner, default: []].insert(hash)
                }
            }
            start = end
        }
        return found.keys.sorted().map { owner in
            ScanHit(
                queryID: querySet.queries[Int(owner)].id, shard: shard, row: document.row, url: document.url,
                matched: min(found[owner]!.count, querySet.gramCounts[Int(owner)]), total: querySet.gramCounts[Int(owner)])
        }
    }

    /// Adds the hits and shards of other scan outputs (`scan merge`); already-present rows win.
    public func merge(part path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ContaminationError.unreadable(file: path, reason: "no such scan output")
        }
        try output.execute("ATTACH DATABASE '\(path.replacingOccurrences(of: "'", with: "''"))' AS part")
        defer { try? output.execute("DETACH DATABASE part") }
        try output.transaction {
            try output.execute("""
                INSERT OR IGNORE INTO main.scan_queries SELECT * FROM part.scan_queries;
                INSERT OR IGNORE INTO main.scan_shards SELECT * FROM part.scan_shards;
                INSERT OR IGNORE INTO main.scan_hits SELECT * FROM part.scan_hits;
                """)
        }
    }
}
