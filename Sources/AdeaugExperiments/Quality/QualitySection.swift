import Foundation

/// The report's "Quality of the synthetic set" section: one row per strategy, template and
/// conditioning, with the real training positives as the yardstick.
public struct QualitySection: Sendable, Hashable, Codable {
    public var groups: [SyntheticSetQuality]
    public var reference: SyntheticSetQuality.Reference
    /// Threshold of the label filter whose scores the histograms show, when it ran.
    public var labelFilterThreshold: Double?

    public init(groups: [SyntheticSetQuality], reference: SyntheticSetQuality.Reference, labelFilterThreshold: Double? = nil) {
        self.groups = groups
        self.reference = reference
        self.labelFilterThreshold = labelFilterThreshold
    }

    public var markdown: [String] {
        var lines = ["## Quality of the synthetic set", ""]
        guard !groups.isEmpty else {
            lines.append("No generated sentence in this workspace.")
            return lines
        }
        lines.append("| Strategy | Template | Conditioning | Generated | Passed filters | Passed contamination | Passed label filter | Kept |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for group in groups {
            let cells = group.gates.map { gate in
                guard gate.ran else { return "not run" }
                return "\(gate.passed) (\(Self.percent(gate.rate)))"
            }
            lines.append("| \(group.strategy) | \(group.template) | \(group.conditioning) | \(group.generated) | \(cells.joined(separator: " | ")) | \(group.kept) (\(Self.percent(group.generated == 0 ? nil : Double(group.kept) / Double(group.generated)))) |")
        }
        lines.append("")
        lines.append("Each gate's rate is the share of the sentences that reached it which passed it; Kept's is the share of all generated. Generation filters drop empty, truncated, too short or long, non-text sentences, copies of a shown example and duplicates; contamination is the latest `check` (test-set copies, near duplicates, pretraining overlap).")
        lines.append("")
        lines.append("| Strategy | Template | Conditioning | Kept | distinct-1 | distinct-2 | distinct-3 | Edit distance to nearest training sentence: min / Q1 / median / Q3 / max | 0 | 1–2 | 3–5 | 6–10 | 11–20 | >20 | Drugs named | Effects named |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for group in groups {
            let distance = group.distance.map {
                String(format: "%d / %.1f / %.1f / %.1f / %d", $0.minimum, $0.lowerQuartile, $0.median, $0.upperQuartile, $0.maximum)
            } ?? "–"
            let buckets = group.distance?.buckets.map { String($0.count) } ?? Array(repeating: "–", count: 6)
            lines.append("| \(group.strategy) | \(group.template) | \(group.conditioning) | \(group.kept) | \(group.distinct.map(Self.ratio).joined(separator: " | ")) | \(distance) | \(buckets.joined(separator: " | ")) | \(group.drugsNamed) | \(group.effectsNamed) |")
        }
        lines.append("| real training positives | – | – | \(reference.sentences) | \(reference.distinct.map(Self.ratio).joined(separator: " | ")) | – | – | – | – | – | – | – | \(reference.drugsNamed) | \(reference.effectsNamed) |")
        lines.append("")
        lines.append("Measured on the kept sentences. distinct-n is distinct word n-grams over all n-grams of the set (lower-cased words); it falls as a set grows, so compare sets of similar size. The edit distance counts word insertions, deletions and substitutions to the nearest sentence of the training split (0: a copy). Drugs and effects named are the distinct annotated names of the training split's DRUG-AE.rel pairs found as whole words in the set; the last row gives the same for the real training positives.")
        let histograms = groups.filter { $0.scoreHistogram != nil }
        if !histograms.isEmpty {
            lines.append("")
            let threshold = labelFilterThreshold.map { String(format: " (threshold %.2f)", $0) } ?? ""
            lines.append("Label filter scores, P(Adverse_Event) in bins of 0.1\(threshold):")
            lines.append("")
            lines.append("| Strategy | Template | Conditioning | " + (0..<10).map { String(format: "%.1f–%.1f", Double($0) / 10, Double($0 + 1) / 10) }.joined(separator: " | ") + " |")
            lines.append("| --- | --- | --- | " + Array(repeating: "---", count: 10).joined(separator: " | ") + " |")
            for group in histograms {
                lines.append("| \(group.strategy) | \(group.template) | \(group.conditioning) | " + group.scoreHistogram!.map(String.init).joined(separator: " | ") + " |")
            }
        }
        return lines
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
    }

    static func ratio(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "–"
    }
}
