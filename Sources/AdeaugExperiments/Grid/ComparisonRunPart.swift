import AdeaugCore
import Foundation

/// One array task's runs of a comparison grid: a small SQLite file of its own (tasks never share
/// one), naming the grid it belongs to. A run is committed as soon as it is trained, so a task
/// killed midway keeps what it finished and its next attempt trains only the rest.
public final class ComparisonRunPart {
    public let path: String
    let database: Database

    /// Opens (or makes) the part at `path` for `grid`. A file left by a killed attempt of another
    /// grid holds nothing this one can use: it is started again.
    public init(creatingAt path: String, grid: String) throws {
        self.path = path
        if let found = try Self.grid(of: Database(path: path, create: true)), found != grid {
            try Self.remove(path)
        }
        let database = try Database(path: path, create: true)
        self.database = database
        try database.execute("""
            CREATE TABLE IF NOT EXISTS grid (fingerprint TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS comparison_runs (
                protocol TEXT NOT NULL, condition TEXT NOT NULL, seed INTEGER NOT NULL,
                fingerprint TEXT NOT NULL, test_fingerprint TEXT NOT NULL, result_json TEXT NOT NULL,
                PRIMARY KEY (protocol, condition, seed, fingerprint, test_fingerprint)
            ) WITHOUT ROWID;
            """)
        if try Self.grid(of: database) == nil {
            try database.prepare("INSERT INTO grid(fingerprint) VALUES(?)").run(.text(grid))
        }
    }

    /// Opens a finished part to read.
    public init(reading path: String) throws {
        self.path = path
        self.database = try Database(path: path, create: false)
    }

    /// The grid the part was written for.
    public func grid() throws -> String? { try Self.grid(of: database) }

    public func run(for key: ComparisonRunKey) throws -> TrainedRun? {
        try database.prepare("""
            SELECT result_json FROM comparison_runs
            WHERE protocol = ? AND condition = ? AND seed = ? AND fingerprint = ? AND test_fingerprint = ?
            """).rows(.text(key.protocolName), .text(key.condition), .integer(Int64(bitPattern: key.seed)),
                      .text(key.fingerprint), .text(key.testFingerprint)) { $0.text(0) }
            .first.map { try JSONText.decode(TrainedRun.self, from: $0) }
    }

    public func store(_ run: TrainedRun, for key: ComparisonRunKey) throws {
        try database.prepare("""
            INSERT OR REPLACE INTO comparison_runs(protocol, condition, seed, fingerprint, test_fingerprint, result_json)
            VALUES(?, ?, ?, ?, ?, ?)
            """).run(.text(key.protocolName), .text(key.condition), .integer(Int64(bitPattern: key.seed)),
                     .text(key.fingerprint), .text(key.testFingerprint), .text(try JSONText.encode(run)))
    }

    /// Every run in the part.
    public func runs() throws -> [(key: ComparisonRunKey, run: TrainedRun)] {
        try database.prepare("SELECT protocol, condition, seed, fingerprint, test_fingerprint, result_json FROM comparison_runs ORDER BY 1, 2, 3")
            .rows { row in
                (ComparisonRunKey(
                    protocolName: row.text(0), condition: row.text(1), seed: UInt64(bitPattern: row.int64(2)),
                    fingerprint: row.text(3), testFingerprint: row.text(4)),
                 try JSONText.decode(TrainedRun.self, from: row.text(5)))
            }
    }

    private static func grid(of database: Database) throws -> String? {
        let table = try database.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'grid'").rows { $0.int(0) }
        guard table.first == 1 else { return nil }
        return try database.prepare("SELECT fingerprint FROM grid").rows { $0.text(0) }.first
    }

    private static func remove(_ path: String) throws {
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
