import AdeaugCore
import Foundation

/// Writes the labels of each input in the format the Accept header chose.
public enum InvocationAnswer {
    /// `answers[i]` holds input i's labels, best first.
    public static func render(_ answers: [[LabelScore]], isBatch: Bool, format: InvocationFormat) throws -> String {
        switch format {
        case .json:
            // One input: its labels; a batch: one list per input (the inference toolkit's shapes).
            return isBatch ? try JSONText.encode(answers) : try JSONText.encode(answers.first ?? [])
        case .jsonLines:
            return try JSONLinesWriter.render(answers)
        case .csv:
            // A row per input: label,score for each label answered.
            var rows: [[String]] = []
            for labels in answers {
                rows.append(labels.flatMap { [$0.label, String($0.score)] })
            }
            return rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
        }
    }
}
