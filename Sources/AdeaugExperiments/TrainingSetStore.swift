import AdeaugCore
import Foundation

/// Training sets kept in the workspace, by name, with their recipe.
public struct TrainingSetStore {
    public let workspace: Workspace

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        try workspace.migrate(ExperimentsSchema.schema)
    }

    /// Stores (replacing one of the same name) in one transaction.
    public func save(_ set: TrainingSet, arguments: [String]) throws {
        let database = workspace.database
        try database.transaction {
            let runID = try workspace.recordRun(command: "rebalance", arguments: arguments)
            try database.prepare("DELETE FROM training_sets WHERE name = ?").run(.text(set.recipe.name))
            var summary = set
            summary.items = []
            try database.prepare("""
                INSERT INTO training_sets(run_id, name, recipe_json, summary_json, created_at) VALUES(?, ?, ?, ?, ?)
                """).run(.integer(runID), .text(set.recipe.name), .text(try JSONText.encode(set.recipe)),
                         .text(try JSONText.encode(summary)), .text(Timestamp.now()))
            let setID = database.lastInsertRowID
            let insert = try database.prepare("""
                INSERT INTO training_set_items(set_id, position, text, label, origin, source_id) VALUES(?, ?, ?, ?, ?, ?)
                """)
            for (position, item) in set.items.enumerated() {
                try insert.run(.integer(setID), .int(position), .text(item.text), .int(item.label.rawValue),
                               .text(item.origin.rawValue), .integer(item.sourceID))
            }
        }
    }

    public func names() throws -> [String] {
        try workspace.database.prepare("SELECT name FROM training_sets ORDER BY id").rows { $0.text(0) }
    }

    public func load(name: String) throws -> TrainingSet {
        let rows = try workspace.database.prepare("SELECT id, summary_json FROM training_sets WHERE name = ?")
            .rows(.text(name)) { ($0.int64(0), $0.text(1)) }
        guard let (id, summaryJSON) = rows.first else {
            throw ExperimentError.missing("No training set named \(name) in the workspace; build one with `adeaug rebalance`.")
        }
        var set = try JSONText.decode(TrainingSet.self, from: summaryJSON)
        set.items = try workspace.database.prepare(
            "SELECT text, label, origin, source_id FROM training_set_items WHERE set_id = ? ORDER BY position"
        ).rows(.integer(id)) {
            TrainingItem(text: $0.text(0), label: Label(rawValue: $0.int(1)) ?? .notAdverseEvent,
                         origin: TrainingItem.Origin(rawValue: $0.text(2)) ?? .real, sourceID: $0.int64(3))
        }
        return set
    }

    /// JSONL, one `{"text", "label", "origin", "source_id"}` per line; sealed as `PATH.enc` when
    /// the workspace is encrypted. Returns the path written.
    @discardableResult
    public func exportJSONL(name: String, to path: String) throws -> String {
        struct Line: Encodable {
            var text: String
            var label: String
            var origin: String
            var source_id: Int64
        }
        let set = try load(name: name)
        let output = try JSONLinesWriter.render(set.items.map {
            Line(text: $0.text, label: $0.label.name, origin: $0.origin.rawValue, source_id: $0.sourceID)
        })
        return try OutputFiles(key: workspace.encryptionKey).write(output, to: path)
    }
}
