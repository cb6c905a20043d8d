import AdeaugCore
import Foundation

/// Adds input files to a `PretrainingIndex`, in batches of documents, each batch one
/// transaction that also records how far its file got: a killed build loses at most the batch
/// in flight and resumes after the last committed one; a file already complete is skipped, so
/// new files can be added to an existing index at any time.
public struct PretrainingIndexBuilder {
    public let index: PretrainingIndex
    /// Documents per transaction: large enough that commits do not dominate, small enough that
    /// a kill loses little.
    public var batchDocuments = 20_000
    private let tokenizer = WebTextTokenizer()

    public init(index: PretrainingIndex) {
        self.index = index
    }

    /// What adding one file did.
    public struct FileResult: Sendable, Codable {
        public var path: String
        public var skipped: Bool
        public var documents: Int
        public var bytes: Int
        public var grams: Int
        public var seconds: Double
    }

    /// Indexes `path` (or the rest of it, after an interrupted build). SQLite failures (a
    /// locked or read-only index, a full disk) come back naming the index file; the batch in
    /// flight is rolled back, so the index holds only whole batches.
    public func add(path: String) throws -> FileResult {
        do {
            return try addUnchecked(path: path)
        } catch let error as SQLiteError {
            throw ContaminationError.unreadable(file: index.path, reason: "cannot write the index while adding \(path): \(error.message)")
        }
    }

    private func addUnchecked(path: String) throws -> FileResult {
        let started = Date()
        let database = index.database
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        try database.prepare("INSERT OR IGNORE INTO shards(path) VALUES(?)").run(.text(key))
        let (shardID, rowsDone, complete) = try database.prepare(
            "SELECT id, rows_done, complete FROM shards WHERE path = ?"
        ).rows(.text(key)) { ($0.int64(0), $0.int(1), $0.int(2) != 0) }.first!
        if complete {
            return FileResult(path: path, skipped: true, documents: 0, bytes: 0, grams: 0, seconds: 0)
        }
        let source = try DocumentSources.open(path)
        var batch: [WebDocument] = []
        var result = FileResult(path: path, skipped: false, documents: 0, bytes: 0, grams: 0, seconds: 0)
        var nextRow = rowsDone
        try source.forEachDocument(from: rowsDone) { document in
            batch.append(document)
            nextRow = document.row + 1
            if batch.count >= batchDocuments {
                try commit(batch, shard: shardID, rowsDone: nextRow, complete: false, result: &result)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try commit(batch, shard: shardID, rowsDone: nextRow, complete: true, result: &result)
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// Sort key of one (hash, document offset) pair.
    @inline(__always)
    private static func entry(_ hash: UInt64, _ offset: Int) -> UInt128 {
        UInt128(hash ^ (1 << 63)) << 64 | UInt128(UInt32(truncatingIfNeeded: offset))
    }

    private func commit(
        _ batch: [WebDocument], shard: Int64, rowsDone: Int, complete: Bool, result: inout FileResult
    ) throws {
        let settings = index.settings
        let database = index.database
        // Fingerprint outside the transaction: the write lock is held only for the inserts.
        // Each entry packs the hash (sign bit flipped, so that unsigned order is SQLite's
        // signed order) above the document's offset in the batch: one plain integer sort, no
        // comparison closure, gives hash order with the first document first.
        var pending: [UInt128] = []
        var bytes = 0
        for (offset, document) in batch.enumerated() {
            bytes += document.content.utf8.count
            let tokenized = tokenizer.tokenize(document.content)
            for fingerprint in Winnowing.fingerprints(tokenized.tokens, settings: settings) {
                pending.append(Self.entry(fingerprint.hash, offset))
            }
            var start = 0
            for end in tokenized.sentenceEnds {
                if end > start, end - start < settings.guaranteedSpan {
                    pending.append(Self.entry(Winnowing.sentenceHash(tokenized.tokens[start..<end]), offset))
                }
                start = end
            }
        }
        // Sorted keys turn random B-tree inserts into an append-like walk; the first document
        // of a hash wins, as `INSERT OR IGNORE` keeps the row already there.
        pending.sort()
        try database.transaction {
            let insertDocument = try database.prepare("INSERT INTO documents(shard, row, url) VALUES(?, ?, ?)")
            var firstID: Int64 = 0
            for (offset, document) in batch.enumerated() {
                try insertDocument.run(.integer(shard), .int(document.row), .optionalText(document.url))
                if offset == 0 { firstID = database.lastInsertRowID }
            }
            // Many rows per statement: the per-statement cost (reset, bind array, step) was most
            // of the insert time with one row each.
            let rowsPerStatement = 250
            let many = try database.prepare(
                "INSERT OR IGNORE INTO grams(hash, document) VALUES" + Array(repeating: "(?, ?)", count: rowsPerStatement).joined(separator: ", "))
            let one = try database.prepare("INSERT OR IGNORE INTO grams(hash, document) VALUES(?, ?)")
            var values: [SQLValue] = []
            values.reserveCapacity(2 * rowsPerStatement)
            var previous: UInt64?
            var inserted = 0
            for entry in pending {
                let key = UInt64(truncatingIfNeeded: entry >> 64)
                guard key != previous else { continue }
                previous = key
                values.append(.integer(Int64(bitPattern: key ^ (1 << 63))))
                values.append(.integer(firstID + Int64(truncatingIfNeeded: entry & 0xFFFF_FFFF)))
                if values.count == 2 * rowsPerStatement {
                    try many.bind(values)
                    try many.step()
                    inserted += database.changes
                    values.removeAll(keepingCapacity: true)
                }
            }
            for pair in stride(from: 0, to: values.count, by: 2) {
                try one.run(values[pair], values[pair + 1])
                inserted += database.changes
            }
            try database.prepare("""
                UPDATE shards SET rows_done = ?, complete = ?, documents = documents + ?, bytes = bytes + ?,
                    grams = grams + ?, finished_at = CASE WHEN ? THEN ? ELSE finished_at END
                WHERE id = ?
                """).run(
                .int(rowsDone), .int(complete ? 1 : 0), .int(batch.count), .int(bytes), .int(inserted),
                .int(complete ? 1 : 0), .text(Timestamp.now()), .integer(shard))
            result.grams += inserted
        }
        result.documents += batch.count
        result.bytes += bytes
    }
}
