import Foundation

/// The report's four plots, as SVG text.
enum ComparisonPlots {
    /// F1 at 0.5 per condition (seed-averaged) with its 95% bootstrap interval, one colour per protocol.
    static func f1(_ results: [ProtocolComparison]) -> String {
        intervals(results, title: "Adverse_Event F1 at 0.5 per condition (95% bootstrap interval)", yLabel: "F1 (Adverse_Event)", metric: "F1") { $0.intervals.f1 }
    }

    /// Average precision per condition (seed-averaged) with its 95% bootstrap interval.
    static func averagePrecision(_ results: [ProtocolComparison]) -> String {
        intervals(results, title: "Average precision per condition (95% bootstrap interval)", yLabel: "average precision", metric: "AP") { $0.averagePrecisionInterval }
    }

    /// A point with its interval per condition; the y axis covers every interval drawn.
    static func intervals(_ results: [ProtocolComparison], title: String, yLabel: String, metric: String, interval: (ConditionOutcome) -> ConfidenceInterval) -> String {
        let legend = results.enumerated().map { SVGCanvas.LegendEntry("\($0.element.protocolName) split", SVGCanvas.palette[$0.offset % SVGCanvas.palette.count]) }
        var canvas = SVGCanvas(title: title, legend: legend)
        let names = orderedConditionNames(results)
        let values = results.flatMap { $0.conditions.flatMap { outcome in
            let i = interval(outcome)
            return [i.lower, i.upper, i.estimate]
        } }
        let range = SVGCanvas.range(covering: values, limits: 0...1)
        canvas.axes(xLabel: "condition", yLabel: yLabel, xRange: nil, yRange: range, categories: names)
        let slot = canvas.plotWidth / Double(max(1, names.count))
        for (protocolIndex, result) in results.enumerated() {
            let color = SVGCanvas.palette[protocolIndex % SVGCanvas.palette.count]
            let offset = (Double(protocolIndex) - Double(results.count - 1) / 2) * 14
            for outcome in result.conditions {
                guard let position = names.firstIndex(of: outcome.name) else { continue }
                let px = canvas.margin.left + (Double(position) + 0.5) * slot + offset
                let i = interval(outcome)
                canvas.add(#"<line class="mark" x1="\#(px)" y1="\#(canvas.y(i.lower, in: range))" x2="\#(px)" y2="\#(canvas.y(i.upper, in: range))" stroke="\#(color)" stroke-width="2"/>"#)
                for bound in [i.lower, i.upper] {
                    canvas.add(#"<line class="mark" x1="\#(px - 5)" y1="\#(canvas.y(bound, in: range))" x2="\#(px + 5)" y2="\#(canvas.y(bound, in: range))" stroke="\#(color)" stroke-width="2"/>"#)
                }
                canvas.add(#"<circle class="mark" cx="\#(px)" cy="\#(canvas.y(i.estimate, in: range))" r="5" fill="\#(color)"><title>\#(outcome.name): \#(metric) \#(String(format: "%.3f", i.estimate)) [\#(String(format: "%.3f", i.lower)), \#(String(format: "%.3f", i.upper))]</title></circle>"#)
            }
        }
        return canvas.svg
    }

    /// Precision–recall curves of the seed-averaged probabilities, one line per condition and protocol.
    static func precisionRecall(_ results: [ProtocolComparison]) -> String {
        var legend: [SVGCanvas.LegendEntry] = []
        for (protocolIndex, result) in results.enumerated() {
            for outcome in result.conditions {
                legend.append(SVGCanvas.LegendEntry(
                    "\(outcome.name) (\(result.protocolName)), AP \(String(format: "%.3f", outcome.averagePrecision.mean))",
                    SVGCanvas.palette[legend.count % SVGCanvas.palette.count], line: protocolIndex > 0 ? .dashed : .solid))
            }
        }
        var canvas = SVGCanvas(title: "Precision-recall curves (Adverse_Event)", legend: legend)
        canvas.axes(xLabel: "recall", yLabel: "precision", xRange: 0...1, yRange: 0...1)
        var colorIndex = 0
        for (protocolIndex, result) in results.enumerated() {
            for outcome in result.conditions {
                let curve = PrecisionRecallCurve(gold: result.gold, scores: outcome.meanProbabilities)
                canvas.polyline(curve.steps.map { (canvas.x($0.recall, in: 0...1), canvas.y($0.precision, in: 0...1)) }, color: legend[colorIndex].color, dashed: protocolIndex > 0)
                colorIndex += 1
            }
        }
        return canvas.svg
    }

    /// Mean training loss per epoch per condition.
    static func loss(_ results: [ProtocolComparison]) -> String {
        // Second and later protocols dashed, as in the precision-recall plot.
        let series = results.enumerated().flatMap { protocolIndex, result in
            result.conditions.map { ("\($0.name) (\(result.protocolName))", $0.lossPerEpoch, protocolIndex > 0) }
        }
        let drawn = series.enumerated().filter { !$0.element.1.isEmpty }
        let legend = drawn.map { SVGCanvas.LegendEntry($0.element.0, SVGCanvas.palette[$0.offset % SVGCanvas.palette.count], line: $0.element.2 ? .dashed : .solid) }
        var canvas = SVGCanvas(title: "Training loss per epoch", legend: legend)
        let epochs = max(1, series.map(\.1.count).max() ?? 1)
        let xRange = 1.0...Double(max(2, epochs))
        // Loss is drawn from zero so that the curves' levels compare, not only their shapes.
        let yRange = SVGCanvas.range(covering: [0] + series.flatMap(\.1))
        canvas.axes(xLabel: "epoch", yLabel: "mean training loss", xRange: xRange, yRange: yRange, wholeX: true)
        for (index, (_, values, dashed)) in drawn {
            let color = SVGCanvas.palette[index % SVGCanvas.palette.count]
            let points = values.enumerated().map { (canvas.x(Double($0.offset + 1), in: xRange), canvas.y($0.element, in: yRange)) }
            canvas.polyline(points, color: color, dashed: dashed)
            for point in points { canvas.add(#"<circle class="mark" cx="\#(point.0)" cy="\#(point.1)" r="3" fill="\#(color)"/>"#) }
        }
        return canvas.svg
    }

    /// Training-set composition per condition: real negatives, real positives, added positives.
    static func classBalance(_ results: [ProtocolComparison]) -> String {
        let colors = ["#9ecae1", "#d62728", "#ff9896"]
        var canvas = SVGCanvas(title: "Class balance of each training set", legend: [SVGCanvas.LegendEntry("real Not_AE", colors[0]), SVGCanvas.LegendEntry("real Adverse_Event", colors[1]), SVGCanvas.LegendEntry("added Adverse_Event", colors[2])])
        guard let result = results.first else { return canvas.svg }
        let names = result.conditions.map(\.name)
        let maxSize = Double(result.conditions.map(\.trainingSize).max() ?? 1)
        // 12% headroom above the tallest bar for its label.
        let range = SVGCanvas.range(covering: [0, maxSize * 1.12])
        canvas.axes(xLabel: "condition (\(result.protocolName) split)", yLabel: "training sentences", xRange: nil, yRange: range, categories: names)
        let slot = canvas.plotWidth / Double(max(1, names.count))
        for (index, outcome) in result.conditions.enumerated() {
            let positives = Int((outcome.positiveShare * Double(outcome.trainingSize)).rounded())
            let realPositives = positives - outcome.added
            let negatives = outcome.trainingSize - positives
            var base = 0.0
            for (segment, value) in [negatives, realPositives, outcome.added].enumerated() where value > 0 {
                let top = canvas.y(base + Double(value), in: range), bottom = canvas.y(base, in: range)
                let left = canvas.margin.left + (Double(index) + 0.2) * slot
                canvas.add(#"<rect class="mark" x="\#(left)" y="\#(top)" width="\#(slot * 0.6)" height="\#(bottom - top)" fill="\#(colors[segment])"><title>\#(value)</title></rect>"#)
                base += Double(value)
            }
            canvas.add(#"<text x="\#(canvas.margin.left + (Double(index) + 0.5) * slot)" y="\#(canvas.y(base, in: range) - 6)" text-anchor="middle" font-size="12">\#(percent(outcome.positiveShare)) positive</text>"#)
        }
        return canvas.svg
    }

    /// A share as a percentage with enough digits to tell 1.5% from 1% (and 0.04% from 0).
    static func percent(_ share: Double) -> String {
        let value = share * 100
        if value != 0 && abs(value) < 0.1 { return String(format: "%.2f%%", value) }
        return String(format: "%.1f%%", value)
    }

    static func orderedConditionNames(_ results: [ProtocolComparison]) -> [String] {
        var names: [String] = []
        for result in results { for outcome in result.conditions where !names.contains(outcome.name) { names.append(outcome.name) } }
        return names
    }
}

/// Precision and recall at every distinct score, from the highest down.
struct PrecisionRecallCurve {
    var points: [(recall: Double, precision: Double)]

    init(gold: [Bool], scores: [Double]) {
        let ranked = RankedScores(gold: gold, scores: scores)
        let positives = max(1, ranked.positives())
        points = ranked.operatingPoints().map {
            ($0.truePositives / positives, $0.truePositives / ($0.truePositives + $0.falsePositives))
        }
    }

    /// The curve as drawn: each recall step at the precision reached at its end (scikit-learn's
    /// steps-post drawing), so the area under the drawn line is exactly the average precision;
    /// straight lines between points would draw an optimistic interpolation instead.
    var steps: [(recall: Double, precision: Double)] {
        var drawn: [(recall: Double, precision: Double)] = []
        var previousRecall = 0.0
        for point in points {
            drawn.append((previousRecall, point.precision))
            drawn.append((point.recall, point.precision))
            previousRecall = point.recall
        }
        return drawn
    }
}
