import Foundation

/// Summary of the stored verdicts: per scope (candidates, files, audit), the latest run's counts per
/// reason with examples. Printed by `adeaug check --report` as text or JSON.
public struct ContaminationReport: Sendable, Codable {
    public struct ReasonCount: Sendable, Codable {
        public var reason: VerdictReason
        public var count: Int
        public var examples: [Verdict]
    }

    public struct Section: Sendable, Codable {
        public var scope: VerdictScope
        public var runID: Int64
        public var startedAt: String
        public var total: Int
        public var reasons: [ReasonCount]

        enum CodingKeys: String, CodingKey {
            case scope, total, reasons
            case runID = "run_id"
            case startedAt = "started_at"
        }
    }

    public var sections: [Section]

    public var text: String {
        guard !sections.isEmpty else {
            return "No contamination verdicts in this workspace yet: run `adeaug check --audit` or `adeaug check --candidates ... --record`."
        }
        var lines: [String] = []
        for section in sections {
            lines.append("\(section.scope.rawValue): \(section.total) checked (run \(section.runID), \(section.startedAt))")
            for reason in section.reasons {
                let share = 100 * Double(reason.count) / Double(max(section.total, 1))
                lines.append("  \(reason.reason.rawValue): \(reason.count) (\(String(format: "%.1f", share))%)")
                for example in reason.examples {
                    var evidence = ""
                    if let matched = example.matchedText {
                        evidence = " ~ \(matched)"
                    } else if let url = example.pretrainingURL {
                        evidence = " @ \(url)"
                    }
                    let score = example.score.map { String(format: " [%.2f]", $0) } ?? ""
                    lines.append("    \(example.text)\(evidence)\(score)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
