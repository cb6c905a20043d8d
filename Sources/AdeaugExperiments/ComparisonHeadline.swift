import Foundation

/// One sentence per compared condition saying which metric moved against the baseline:
/// F1 at 0.5 moves with the decision threshold, AP only with the ranking, so a gain in the
/// first without the second is a threshold shift that any model gets by moving its cut-off.
enum ComparisonHeadline {
    static func line(for outcome: ConditionOutcome, baseline: String) -> String? {
        guard let f1 = outcome.differenceToBaseline?.interval, let ap = outcome.averagePrecisionDifference?.interval else { return nil }
        var parts = ["ΔF1@0.5 \(describe(f1))", "ΔAP \(describe(ap))"]
        if let tuned = outcome.validationThresholdF1?.differenceToBaseline?.interval {
            parts.append("ΔF1@validation threshold \(describe(tuned))")
        } else {
            parts.append("ΔF1@validation threshold n/a")
        }
        return "**\(outcome.name) vs \(baseline)**: " + parts.joined(separator: "; ") + ": " + verdict(f1: f1, ap: ap) + "."
    }

    static func verdict(f1: ConfidenceInterval, ap: ConfidenceInterval) -> String {
        let f1Moved = excludesZero(f1), apMoved = excludesZero(ap)
        let f1Word = f1.estimate > 0 ? "gain" : "loss"
        let apWord = ap.estimate > 0 ? "improved" : "worsened"
        switch (f1Moved, apMoved) {
        case (true, false): return "the \(f1Word) is mostly a threshold shift (the ranking, AP, did not move measurably)"
        case (true, true) where (f1.estimate > 0) == (ap.estimate > 0): return "the ranking itself \(apWord) (AP), not only the threshold"
        case (true, true): return "F1@0.5 and AP move in opposite directions: a threshold shift against a ranking that \(apWord)"
        case (false, true): return "the ranking \(apWord) (AP) though F1@0.5 does not show it"
        case (false, false): return "no measurable difference in F1@0.5 or AP"
        }
    }

    static func excludesZero(_ interval: ConfidenceInterval) -> Bool { interval.lower > 0 || interval.upper < 0 }

    static func describe(_ interval: ConfidenceInterval) -> String {
        String(format: "%+.3f [%+.3f, %+.3f]", interval.estimate, interval.lower, interval.upper)
    }
}
