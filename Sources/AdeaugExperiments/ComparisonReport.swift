import AdeaugCore
import Foundation

/// `report.md`, `report.json` and the SVG plots of one or two protocols' comparisons.
public struct ComparisonReport: Sendable {
    public var results: [ProtocolComparison]
    /// Extra lines for the report's notes (corpus, split, settings), written under the table.
    public var notes: [String]

    public init(results: [ProtocolComparison], notes: [String] = []) {
        self.results = results
        self.notes = notes
    }

    /// Writes everything into `folder` (owner-only files, each written whole; sealed as
    /// `NAME.enc` when `files` has a key) and returns the report's path.
    @discardableResult
    public func write(to folder: String, files output: OutputFiles = OutputFiles(key: nil)) throws -> String {
        let base = URL(fileURLWithPath: folder)
        let files: [(String, String)] = [
            ("report.md", markdown),
            ("report.json", try json),
            ("f1.svg", ComparisonPlots.f1(results)),
            ("precision-recall.svg", ComparisonPlots.precisionRecall(results)),
            ("loss.svg", ComparisonPlots.loss(results)),
            ("class-balance.svg", ComparisonPlots.classBalance(results)),
        ]
        for (name, content) in files {
            try output.write(content, to: base.appendingPathComponent(name).path)
        }
        return output.diskPath(base.appendingPathComponent("report.md").path)
    }

    public var json: String {
        get throws {
            struct Slim: Encodable {
                var results: [ProtocolComparison]
                var notes: [String]
            }
            // Per-sentence probabilities make the JSON large; keep them, they are what curves are made of.
            return try JSONText.encode(Slim(results: results, notes: notes), pretty: true)
        }
    }

    public var markdown: String {
        var lines = ["# adeaug comparison", ""]
        lines.append("| Protocol | Model | Precision | Recall | F1 | F1 95% CI | ΔF1 vs baseline [95% CI] | p (bootstrap / McNemar) | Train s |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for result in results {
            for outcome in result.conditions {
                let difference = outcome.differenceToBaseline.map {
                    String(format: "%+.3f [%+.3f, %+.3f]", $0.interval.estimate, $0.interval.lower, $0.interval.upper)
                } ?? "–"
                // A bootstrap p-value of 0 means no resample crossed zero: below 1/resamples, not 0.
                let pValues = outcome.differenceToBaseline.map {
                    ($0.bootstrapPValue == 0 ? "<0.0005" : String(format: "%.3g", $0.bootstrapPValue))
                        + String(format: " / %.3g", $0.mcNemar.exactPValue)
                } ?? "–"
                lines.append("| \(result.protocolName) | \(outcome.name) | \(Self.meanSD(outcome.precision)) | \(Self.meanSD(outcome.recall)) | \(Self.meanSD(outcome.f1)) | \(String(format: "[%.3f, %.3f]", outcome.intervals.f1.lower, outcome.intervals.f1.upper)) | \(difference) | \(pValues) | \(String(format: "%.0f", outcome.trainingSeconds.mean)) |")
            }
        }
        lines.append("")
        lines.append("Scores are for the `Adverse_Event` class: mean ± standard deviation over training seeds; the interval is a 95% percentile bootstrap over test sentences of the seed-averaged F1 (2,000 resamples). ΔF1 is paired: both conditions are scored on the same resampled sentences, seeds paired by position; the McNemar p-value is exact, on the seeds' majority votes.")
        lines.append("")
        for result in results {
            lines.append("- **\(result.protocolName)**: \(result.testSize) test sentences (\(result.testPositives) positive), seeds \(result.seeds.map(String.init).joined(separator: ", ")), trainer `\(result.trainer)`.")
            for outcome in result.conditions {
                lines.append("  - \(outcome.name): \(outcome.trainingSize) training sentences, \(String(format: "%.1f%%", outcome.positiveShare * 100)) positive, \(outcome.added) added (recipe `\(outcome.recipe.name)`).")
            }
        }
        if results.count > 1, let clean = results.first(where: { $0.protocolName == "clean" }), let published = results.first(where: { $0.protocolName == "published" }),
            let cleanBaseline = clean.conditions.first, let publishedBaseline = published.conditions.first {
            lines.append("")
            lines.append(String(
                format: "The published protocol (random split of raw rows, duplicates kept) gives the baseline F1 %.3f against %.3f on the leakage-free split: %+.3f of the published-style figure comes from test sentences that also sit in training.",
                publishedBaseline.f1.mean, cleanBaseline.f1.mean, publishedBaseline.f1.mean - cleanBaseline.f1.mean))
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes.map { "- \($0)" })
        }
        lines.append("")
        lines.append("Plots: [F1 with intervals](f1.svg), [precision-recall curves](precision-recall.svg), [training loss](loss.svg), [class balance](class-balance.svg).")
        return lines.joined(separator: "\n") + "\n"
    }

    static func meanSD(_ summary: SeedSummary) -> String {
        summary.values.count > 1
            ? String(format: "%.3f ± %.3f", summary.mean, summary.standardDeviation)
            : String(format: "%.3f", summary.mean)
    }
}
