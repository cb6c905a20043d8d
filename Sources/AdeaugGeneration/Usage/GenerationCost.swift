import AdeaugCore
import Foundation

/// What generation cost in a workspace and what it bought: tokens in and out per accepted
/// sentence, and money when the user gave prices. Read from the stored usage of every run.
public struct GenerationCost: Sendable, Hashable {
    public var answeredRequests: Int
    public var promptTokens: Int
    public var completionTokens: Int
    /// Answers whose prompt (completion) tokens were approximated rather than reported.
    public var promptApproximated: Int
    public var completionApproximated: Int
    /// Candidates that passed every filter and screen (what will be added).
    public var acceptedSentences: Int
    public var prices: TokenPrices?

    /// The cost of generating `label` sentences in `workspace` so far (all runs).
    public init(workspace: Workspace, label: Label = .adverseEvent, prices: TokenPrices? = nil) throws {
        let totals = try UsageStore(workspace: workspace).totals(label: label)
        let store = try GenerationStore(workspace: workspace)
        answeredRequests = totals.responses
        promptTokens = totals.promptTokens
        completionTokens = totals.completionTokens
        promptApproximated = totals.promptApproximated
        completionApproximated = totals.completionApproximated
        acceptedSentences = try store.countedCandidates(label: label)
        self.prices = prices
    }

    public var money: Double? { prices?.cost(promptTokens: promptTokens, completionTokens: completionTokens) }

    /// Where the counts come from, in words.
    public var source: String {
        func part(_ name: String, _ approximated: Int) -> String {
            approximated == 0 ? "\(name) tokens as the endpoint reported them"
                : approximated == answeredRequests ? "\(name) tokens approximated (\(TokenApproximation.charactersPerToken) characters per token; the endpoint reported none)"
                : "\(name) tokens reported for \(answeredRequests - approximated) answers and approximated (\(TokenApproximation.charactersPerToken) characters per token) for \(approximated)"
        }
        return part("prompt", promptApproximated) + "; " + part("completion", completionApproximated)
    }

    /// One line for reports and the generation summary.
    public var line: String {
        guard answeredRequests > 0 else { return "Generation cost: no request answered yet." }
        var text = "Generation cost: \(answeredRequests) answered requests, \(promptTokens) prompt and \(completionTokens) completion tokens"
        if acceptedSentences > 0 {
            text += String(
                format: "; per accepted sentence (%d accepted): %.0f tokens in, %.0f out",
                acceptedSentences, Double(promptTokens) / Double(acceptedSentences), Double(completionTokens) / Double(acceptedSentences))
            if let money { text += String(format: ", %.5f in money (%.4f in all, at the prices given)", money / Double(acceptedSentences), money) }
        } else if let money {
            text += String(format: ", %.4f in money at the prices given; no sentence accepted", money)
        }
        return text + " (" + source + ")."
    }
}

/// What the generation stage stored about its candidates, for the stages that use them.
public enum GenerationRecords {
    /// Ids of the workspace candidates that passed generation's filters and every screen it was
    /// given (contamination, label filter): the candidates `target` counted.
    public static func countedCandidateIDs(in workspace: Workspace, label: Label = .adverseEvent) throws -> Set<Int64> {
        _ = try GenerationStore(workspace: workspace)
        return Set(try workspace.database.prepare(
            "SELECT candidate_id FROM generation_outputs WHERE label = ? AND counted = 1 AND candidate_id IS NOT NULL"
        ).rows(.int(label.rawValue)) { $0.int64(0) })
    }

    /// How the latest generation run of `label` stopped (nil when none finished).
    public static func lastStop(in workspace: Workspace, label: Label = .adverseEvent) throws -> (reason: GenerationSummary.StopReason, message: String)? {
        _ = try GenerationStore(workspace: workspace)
        return try workspace.database.prepare(
            "SELECT stop_reason, summary FROM generation_runs WHERE label = ? AND stop_reason IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).rows(.int(label.rawValue)) { row -> (reason: GenerationSummary.StopReason, message: String)? in
            guard let reason = GenerationSummary.StopReason(rawValue: row.text(0)) else { return nil }
            let summary = try? JSONDecoder().decode(GenerationSummary.self, from: Data(row.text(1).utf8))
            return (reason, summary?.message ?? reason.rawValue)
        }.first ?? nil
    }
}

extension GenerationRecords {
    /// The label filter's verdicts on candidates it screened during generation, by candidate
    /// id (true: passed), recognised by the screen reasons `passed` and `rejected`.
    public static func screenVerdicts(in workspace: Workspace, passed: String, rejected: String) throws -> [Int64: Bool] {
        try screenScores(in: workspace, passed: passed, rejected: rejected).mapValues(\.passed)
    }

    /// The same verdicts with the score the screen gave (the label filter's `P(Adverse_Event)`).
    public static func screenScores(in workspace: Workspace, passed: String, rejected: String) throws -> [Int64: (passed: Bool, score: Double?)] {
        _ = try GenerationStore(workspace: workspace)
        var result: [Int64: (passed: Bool, score: Double?)] = [:]
        _ = try workspace.database.prepare(
            "SELECT candidate_id, screen_reason, screen_score FROM generation_outputs WHERE candidate_id IS NOT NULL AND screen_reason IN (?, ?)"
        ).rows(.text(passed), .text(rejected)) { row in
            result[row.int64(0)] = (row.text(1) == passed, row.isNull(2) ? nil : row.double(2))
        }
        return result
    }
}
