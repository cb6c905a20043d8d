import AdeaugCore

/// One stored sentence of a generated completion with what generation knows about it: for
/// the report's quality section, which adds what the later checks said.
public struct GeneratedOutputRecord: Sendable, Hashable {
    public var text: String
    public var label: Label
    /// Generation's own filter verdict (`accepted` when it passed).
    public var filterReason: String
    /// The workspace candidate it became, when it passed the filters.
    public var candidateID: Int64?
    /// The prompt template's identity (`name@hash`).
    public var template: String
    /// What the request was conditioned on; nil for plain prompts.
    public var attributes: PromptAttributes?

    public init(text: String, label: Label, filterReason: String, candidateID: Int64?, template: String, attributes: PromptAttributes?) {
        self.text = text
        self.label = label
        self.filterReason = filterReason
        self.candidateID = candidateID
        self.template = template
        self.attributes = attributes
    }

    /// The template's name without its hash.
    public var templateName: String { String(template.split(separator: "@").first ?? Substring(template)) }

    /// Every stored output of every answered request, oldest first.
    public static func all(in workspace: Workspace) throws -> [GeneratedOutputRecord] {
        let attributes = try RequestAttributes.all(in: workspace)
        return try workspace.database.prepare("""
            SELECT o.text, o.label, o.filter_reason, o.candidate_id, q.template, q.id
            FROM generation_outputs o
            JOIN generation_responses r ON r.id = o.response_id
            JOIN generation_requests q ON q.id = r.request_id
            ORDER BY o.id
            """).rows { row in
                GeneratedOutputRecord(
                    text: row.text(0), label: Label(rawValue: row.int(1)) ?? .adverseEvent, filterReason: row.text(2),
                    candidateID: row.isNull(3) ? nil : row.int64(3), template: row.text(4), attributes: attributes[row.int64(5)])
            }
    }
}
