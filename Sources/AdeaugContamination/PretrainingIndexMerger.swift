import AdeaugCore
import Foundation

/// `adeaug index merge`: combines indexes built in parts (`index build --shard i/N` on N
/// machines) into one. Parts are merged in the order given; when two parts hold the same hash,
/// the earlier part's document is kept, as a single build over the files in that order would.
/// Each part is merged in one transaction, recorded in `merged_parts`, so a killed merge can be
/// run again: parts already in are skipped.
public struct PretrainingIndexMerger {
    public let index: PretrainingIndex

    public init(index: PretrainingIndex) {
        self.index = index
    }

    /// Merges one part; returns false when it was merged before.
    @discardableResult
    public func merge(part path: String) throws -> Bool {
        let part = try PretrainingIndex(path: path, readOnly: true)
        guard part.settings == index.settings else {
            throw ContaminationError.invalidArgument(
                "\(path): built with \(part.settings.gram)-grams, window \(part.settings.window); the target uses \(index.settings.gram), \(index.settings.window)")
        }
        let database = index.database
        try database.execute("CREATE TABLE IF NOT EXISTS merged_parts (path TEXT PRIMARY KEY, merged_at TEXT NOT NULL) WITHOUT ROWID")
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        let done = try database.prepare("SELECT count(*) FROM merged_parts WHERE path = ?").rows(.text(key)) { $0.int(0) }.first ?? 0
        if done > 0 { return false }
        try database.execute("ATTACH DATABASE '\(path.replacingOccurrences(of: "'", with: "''"))' AS part")
        defer { try? database.execute("DETACH DATABASE part") }
        try database.transaction {
            // Shards and documents get new ids: offset them past what the target holds.
            let shardOffset = try database.prepare("SELECT coalesce(max(id), 0) FROM main.shards").rows { $0.int64(0) }.first ?? 0
            let documentOffset = try database.prepare("SELECT coalesce(max(id), 0) FROM main.documents").rows { $0.int64(0) }.first ?? 0
            let clash = try database.prepare(
                "SELECT count(*) FROM part.shards p JOIN main.shards m ON m.path = p.path"
            ).rows { $0.int(0) }.first ?? 0
            guard clash == 0 else {
                throw ContaminationError.invalidArgument("\(path): holds input files the target already has (built twice?)")
            }
            try database.prepare("""
                INSERT INTO main.shards(id, path, rows_done, complete, documents, bytes, grams, finished_at)
                SELECT id + ?, path, rows_done, complete, documents, bytes, grams, finished_at FROM part.shards
                """).run(.integer(shardOffset))
            try database.prepare("""
                INSERT INTO main.documents(id, shard, row, url) SELECT id + ?, shard + ?, row, url FROM part.documents
                """).run(.integer(documentOffset), .integer(shardOffset))
            try database.prepare("""
                INSERT OR IGNORE INTO main.grams(hash, document) SELECT hash, document + ? FROM part.grams ORDER BY hash
                """).run(.integer(documentOffset))
            try database.prepare("INSERT INTO merged_parts(path, merged_at) VALUES(?, ?)").run(.text(key), .text(Timestamp.now()))
        }
        return true
    }
}
