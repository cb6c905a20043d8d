import AdeaugCore
import Foundation

/// `report.md`, `report.json` and the SVG plots of one or two protocols' comparisons.
public struct ComparisonReport: Sendable {
    public var results: [ProtocolComparison]
    /// Extra lines for the report's notes (corpus, split, settings), written under the table.
    public var notes: [String]
    /// What a reader must know before the table (how many positives each strategy adds, and
    /// why fewer than asked), written right under the title.
    public var preface: [String] = []
    /// The learning curve, when the comparison ran one.
    public var learningCurve: LearningCurve?
    /// The synthetic set's gates, variety and names, when the workspace generated sentences.
    public var quality: QualitySection?

    public init(results: [ProtocolComparison], notes: [String] = [], preface: [String] = [], learningCurve: LearningCurve? = nil, quality: QualitySection? = nil) {
        self.results = results
        self.notes = notes
        self.preface = preface
        self.learningCurve = learningCurve
        self.quality = quality
    }

    /// Writes everything into `folder` (owner-only files, each written whole; sealed as
    /// `NAME.enc` when `files` has a key) and returns the report's path.
    @discardableResult
    public func write(to folder: String, files output: OutputFiles = OutputFiles(key: nil)) throws -> String {
        let base = URL(fileURLWithPath: folder)
        var files: [(String, String)] = [
            ("report.md", markdown),
            ("report.json", try json),
            ("f1.svg", ComparisonPlots.f1(results)),
            ("average-precision.svg", ComparisonPlots.averagePrecision(results)),
            ("precision-recall.svg", ComparisonPlots.precisionRecall(results)),
            ("loss.svg", ComparisonPlots.loss(results)),
            ("class-balance.svg", ComparisonPlots.classBalance(results)),
        ]
        if let learningCurve {
            files.append(("learning-curve-f1.svg", LearningCurvePlot.f1(learningCurve)))
            files.append(("learning-curve-ap.svg", LearningCurvePlot.averagePrecision(learningCurve)))
        }
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
                var preface: [String]
                var learningCurve: LearningCurve?
                var quality: QualitySection?
            }
            // Per-sentence probabilities make the JSON large; keep them, they are what curves are made of.
            return try JSONText.encode(Slim(results: results, notes: notes, preface: preface, learningCurve: learningCurve, quality: quality), pretty: true)
        }
    }

    public var markdown: String {
        var lines = ["# adeaug comparison", ""]
        if !preface.isEmpty { lines += preface + [""] }
        lines.append("| Protocol | Model | Precision | Recall | F1@0.5 | F1 95% CI | ΔF1 vs baseline [95% CI] | p (bootstrap / McNemar) | Train s |")
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
        lines.append("Scores are for the `Adverse_Event` class at the decision threshold 0.5: mean ± standard deviation over training seeds; the interval is a 95% percentile bootstrap over test sentences of the seed-averaged F1 (2,000 resamples). ΔF1 is paired: both conditions are scored on the same resampled sentences, seeds paired by position; the McNemar p-value is exact, on the seeds' majority votes.")
        lines.append("")
        lines.append(contentsOf: thresholdFreeTable)
        lines.append("")
        lines.append("AP is average precision (the step-wise area under the precision-recall curve, as scikit-learn's `average_precision_score`): it depends on how the scores rank sentences, not on the threshold. F1@val is F1 on the test split when each seed decides at the threshold that maximised F1 on its validation slice of the training data (never the test split), counting only real sentences the model did not train on, so the slice has the real class balance; n/a where the stored runs kept no validation slice, or where it holds no usable positive (oversampling copies nearly every real positive into training). Intervals and paired differences use the same resampled test sentences as F1@0.5.")
        let headlines = results.flatMap { result in
            result.conditions.compactMap { outcome in
                ComparisonHeadline.line(for: outcome, baseline: result.conditions.first?.name ?? "baseline").map { "- \(result.protocolName): \($0)" }
            }
        }
        if !headlines.isEmpty {
            lines.append("")
            lines.append(contentsOf: headlines)
        }
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
        if let learningCurve {
            lines.append("")
            lines.append(contentsOf: LearningCurveTable.markdown(learningCurve))
        }
        if let quality {
            lines.append("")
            lines.append(contentsOf: quality.markdown)
        }
        lines.append("")
        lines.append("Plots: [F1 with intervals](f1.svg), [average precision with intervals](average-precision.svg), [precision-recall curves](precision-recall.svg), [training loss](loss.svg), [class balance](class-balance.svg).")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Average precision and F1 at validation-chosen thresholds: the scores a threshold shift leaves alone.
    var thresholdFreeTable: [String] {
        var lines = [
            "| Protocol | Model | AP | AP 95% CI | ΔAP vs baseline [95% CI] | F1@val | F1@val 95% CI | ΔF1@val vs baseline [95% CI] | Thresholds |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for result in results {
            for outcome in result.conditions {
                let apDifference = outcome.averagePrecisionDifference.map { ComparisonHeadline.describe($0.interval) } ?? "–"
                let tuned = outcome.validationThresholdF1
                let tunedDifference = tuned.map { $0.differenceToBaseline.map { ComparisonHeadline.describe($0.interval) } ?? (outcome.differenceToBaseline == nil ? "–" : "n/a") } ?? "n/a"
                let cells = [
                    result.protocolName, outcome.name, Self.meanSD(outcome.averagePrecision),
                    Self.bracket(outcome.averagePrecisionInterval), apDifference,
                    tuned.map { Self.meanSD($0.f1) } ?? "n/a", tuned.map { Self.bracket($0.interval) } ?? "n/a", tunedDifference,
                    tuned.map { $0.thresholds.map { String(format: "%.2f", $0) }.joined(separator: ", ") } ?? "n/a",
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        return lines
    }

    static func bracket(_ interval: ConfidenceInterval) -> String {
        String(format: "[%.3f, %.3f]", interval.lower, interval.upper)
    }

    static func meanSD(_ summary: SeedSummary) -> String {
        summary.values.count > 1
            ? String(format: "%.3f ± %.3f", summary.mean, summary.standardDeviation)
            : String(format: "%.3f", summary.mean)
    }
}
