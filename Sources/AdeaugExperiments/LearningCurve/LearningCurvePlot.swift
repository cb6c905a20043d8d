/// The learning-curve plots: a score against real positives kept, one line per strategy and
/// added count, each with its 95% bootstrap interval as a band.
enum LearningCurvePlot {
    static func f1(_ curve: LearningCurve) -> String {
        svg(curve, title: "F1 at 0.5 against real positives (\(curve.protocolName) split, 95% bands)", yLabel: "F1 (Adverse_Event)") { $0.intervals.f1 }
    }

    static func averagePrecision(_ curve: LearningCurve) -> String {
        svg(curve, title: "Average precision against real positives (\(curve.protocolName) split, 95% bands)", yLabel: "average precision") { $0.averagePrecisionInterval }
    }

    /// A series: its legend entry and the interval at each budget (nil where it was not run).
    private struct Series {
        var legend: SVGCanvas.LegendEntry
        var intervals: [ConfidenceInterval?]

        /// The budgets where this series was run, with their intervals.
        var drawn: [(index: Int, interval: ConfidenceInterval)] {
            intervals.enumerated().compactMap { index, value in value.map { (index, $0) } }
        }
    }

    static func svg(_ curve: LearningCurve, title: String, yLabel: String, interval: (ConditionOutcome) -> ConfidenceInterval) -> String {
        let levels = orderedLevels(curve)
        var series = [Series(
            legend: SVGCanvas.LegendEntry("baseline (nothing added)", "#000000", line: .solid),
            intervals: curve.points.map { $0.baseline.map(interval) })]
        for (strategyIndex, strategy) in curve.strategies.enumerated() {
            let color = SVGCanvas.palette[strategyIndex % SVGCanvas.palette.count]
            for (levelIndex, level) in levels.enumerated() {
                let line: SVGCanvas.LegendEntry.Line = [.solid, .dashed, .dotted][min(levelIndex, 2)]
                series.append(Series(
                    legend: SVGCanvas.LegendEntry("\(strategy.rawValue) \(level)", color, line: line),
                    intervals: curve.points.map { $0.outcome(strategy, level).map(interval) }))
            }
        }
        var canvas = SVGCanvas(title: title, legend: series.map(\.legend))
        let values = series.flatMap { $0.intervals.compactMap { $0 }.flatMap { [$0.lower, $0.upper, $0.estimate] } }
        let range = SVGCanvas.range(covering: values, limits: 0...1)
        canvas.axes(xLabel: "real positives in training", yLabel: yLabel, xRange: nil, yRange: range, categories: curve.points.map(\.label))
        let slot = canvas.plotWidth / Double(max(1, curve.points.count))
        func x(_ index: Int) -> Double { canvas.margin.left + (Double(index) + 0.5) * slot }
        // Bands first, so every line stays visible on top of them.
        let drawnSeries = series.map { ($0, $0.drawn) }
        for (entry, drawn) in drawnSeries {
            guard drawn.count > 1 else { continue }
            let upper = drawn.map { "\(SVGCanvas.round(x($0.0))),\(SVGCanvas.round(canvas.y($0.1.upper, in: range)))" }
            let lower = drawn.reversed().map { "\(SVGCanvas.round(x($0.0))),\(SVGCanvas.round(canvas.y($0.1.lower, in: range)))" }
            // A faint fill and edges in the series' own colour and dash, so overlapping bands
            // stay apart.
            let dash = (entry.legend.line ?? .solid).dashArray(scale: 0.7)
            canvas.add(#"<polygon class="mark" points="\#((upper + lower).joined(separator: " "))" fill="\#(entry.legend.color)" fill-opacity="0.07" stroke="\#(entry.legend.color)" stroke-opacity="0.45" stroke-width="1"\#(dash)/>"#)
        }
        for (entry, drawn) in drawnSeries {
            let points = drawn.map { (x($0.0), canvas.y($0.1.estimate, in: range)) }
            if points.count > 1 { canvas.polyline(points, color: entry.legend.color, line: entry.legend.line ?? .solid) }
            for ((index, value), point) in zip(drawn, points) {
                canvas.add(#"<circle class="mark" cx="\#(SVGCanvas.round(point.0))" cy="\#(SVGCanvas.round(point.1))" r="3.5" fill="\#(entry.legend.color)"><title>\#(SVGCanvas.escape(entry.legend.label)) at \#(curve.points[index].label): \#(String(format: "%.3f [%.3f, %.3f]", value.estimate, value.lower, value.upper))</title></circle>"#)
            }
        }
        return canvas.svg
    }

    /// The added counts in the order they were asked.
    static func orderedLevels(_ curve: LearningCurve) -> [AddedPositives] {
        var levels: [AddedPositives] = []
        for point in curve.points { for level in point.levels where !levels.contains(level.asked) { levels.append(level.asked) } }
        return levels
    }
}
