import AdeaugCore

extension GenerationStore {
    /// Records what a conditioned request asked about; call with the request's insert.
    func insertAttributes(_ attributes: PromptAttributes, requestID: Int64) throws {
        try workspace.database.prepare(
            "INSERT INTO generation_request_attributes(request_id, drug, effect, pairing) VALUES(?, ?, ?, ?)"
        ).run(.integer(requestID), .text(attributes.drug), .optionalText(attributes.effect), .text(attributes.pairing.rawValue))
    }
}

/// What each stored request was conditioned on, for exports and the report's quality section.
public enum RequestAttributes {
    /// Attributes by request id (plain requests are absent).
    public static func all(in workspace: Workspace) throws -> [Int64: PromptAttributes] {
        try workspace.migrate(GenerationSchema.schema)
        try workspace.migrate(ConditioningSchema.schema)
        var result: [Int64: PromptAttributes] = [:]
        _ = try workspace.database.prepare("SELECT request_id, drug, effect, pairing FROM generation_request_attributes")
            .rows { row in
                result[row.int64(0)] = PromptAttributes(
                    drug: row.text(1), effect: row.optionalText(2), pairing: PromptAttributes.Pairing(rawValue: row.text(3)) ?? .seen)
            }
        return result
    }
}
