import Foundation

/// The report's learning-curve section: a table with every cell's F1 and AP, each with its
/// interval and paired difference to the baseline at the same budget.
enum LearningCurveTable {
    static func markdown(_ curve: LearningCurve) -> [String] {
        var lines = [
            "## Learning curve (\(curve.protocolName) split)",
            "",
            "Each budget keeps that many real positives (a seeded subsample, the same for every condition at the budget) and every negative; each strategy then adds the same number of positives. Plots: [F1 at 0.5](learning-curve-f1.svg), [average precision](learning-curve-ap.svg).",
            "",
        ]
        lines.append(contentsOf: shortfalls(curve))
        lines.append("| Real positives | Added | Condition | F1@0.5 [95% CI] | ΔF1 vs baseline [95% CI] | AP [95% CI] | ΔAP vs baseline [95% CI] |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- |")
        for point in curve.points {
            if let baseline = point.baseline {
                lines.append(row(point.label, "0", baseline))
            }
            for level in point.levels {
                for strategy in curve.strategies {
                    guard let outcome = point.outcome(strategy, level.asked) else { continue }
                    // "25 (+100%)": the count a share came to; a count asked and met is written once.
                    let asked = level.asked.description
                    lines.append(row(point.label, asked == String(level.added) ? asked : "\(level.added) (\(asked))", outcome))
                }
            }
        }
        lines.append("")
        lines.append("Intervals are 95% percentile bootstraps over test sentences of the seed-averaged score; differences are paired (same resampled sentences, seeds paired by position). A gain whose ΔAP interval holds zero is mostly a shift of the decision threshold.")
        return lines
    }

    /// Lines saying where the synthetic set capped every strategy's count, before the table.
    static func shortfalls(_ curve: LearningCurve) -> [String] {
        let capped = curve.points.flatMap { point in
            point.levels.filter { $0.added < $0.requested }.map { (point, $0) }
        }
        guard !capped.isEmpty else { return [] }
        var lines = capped.map { point, level in
            "- At \(point.realPositives) real positives, \(level.asked) asked for \(level.requested) added positives; the synthetic set had \(level.added), so every strategy adds \(level.added) there."
        }
        lines.append("")
        return lines
    }

    private static func row(_ budget: String, _ added: String, _ outcome: ConditionOutcome) -> String {
        let difference = outcome.differenceToBaseline.map { ComparisonHeadline.describe($0.interval) } ?? "–"
        let apDifference = outcome.averagePrecisionDifference.map { ComparisonHeadline.describe($0.interval) } ?? "–"
        let cells = [
            budget, added, outcome.name,
            estimate(outcome.intervals.f1), difference,
            estimate(outcome.averagePrecisionInterval), apDifference,
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    private static func estimate(_ interval: ConfidenceInterval) -> String {
        String(format: "%.3f [%.3f, %.3f]", interval.estimate, interval.lower, interval.upper)
    }
}
