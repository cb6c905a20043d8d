import Foundation

/// The report's four plots, as SVG text.
enum ComparisonPlots {
    /// F1 per condition (seed-averaged) with its 95% bootstrap interval, one panel group per protocol.
    static func f1(_ results: [ProtocolComparison]) -> String {
        var canvas = SVGCanvas()
        canvas.title("Adverse_Event F1 per condition (95% bootstrap interval)")
        let names = orderedConditionNames(results)
        let values = results.flatMap { $0.conditions.flatMap { [$0.intervals.f1.lower, $0.intervals.f1.upper] } }
        let low = max(0, ((values.min() ?? 0) - 0.05) * 20).rounded(.down) / 20
        let high = min(1, ((values.max() ?? 1) + 0.05) * 20).rounded(.up) / 20
        let range = low...max(high, low + 0.05)
        canvas.axes(xLabel: "condition", yLabel: "F1 (Adverse_Event)", xRange: nil, yRange: range, categories: names)
        let slot = canvas.plotWidth / Double(max(1, names.count))
        for (protocolIndex, result) in results.enumerated() {
            let color = SVGCanvas.palette[protocolIndex % SVGCanvas.palette.count]
            let offset = (Double(protocolIndex) - Double(results.count - 1) / 2) * 14
            for outcome in result.conditions {
                guard let position = names.firstIndex(of: outcome.name) else { continue }
                let px = canvas.margin.left + (Double(position) + 0.5) * slot + offset
                let f1 = outcome.intervals.f1
                canvas.add(#"<line x1="\#(px)" y1="\#(canvas.y(f1.lower, in: range))" x2="\#(px)" y2="\#(canvas.y(f1.upper, in: range))" stroke="\#(color)" stroke-width="2"/>"#)
                for bound in [f1.lower, f1.upper] {
                    canvas.add(#"<line x1="\#(px - 5)" y1="\#(canvas.y(bound, in: range))" x2="\#(px + 5)" y2="\#(canvas.y(bound, in: range))" stroke="\#(color)" stroke-width="2"/>"#)
                }
                canvas.add(#"<circle cx="\#(px)" cy="\#(canvas.y(f1.estimate, in: range))" r="5" fill="\#(color)"><title>\#(outcome.name): F1 \#(String(format: "%.3f", f1.estimate)) [\#(String(format: "%.3f", f1.lower)), \#(String(format: "%.3f", f1.upper))]</title></circle>"#)
            }
        }
        canvas.legend(results.enumerated().map { ("\($0.element.protocolName) split", SVGCanvas.palette[$0.offset % SVGCanvas.palette.count]) })
        return canvas.svg
    }

    /// Precision–recall curves of the seed-averaged probabilities, one line per condition and protocol.
    static func precisionRecall(_ results: [ProtocolComparison]) -> String {
        var canvas = SVGCanvas()
        canvas.title("Precision-recall curves (Adverse_Event)")
        canvas.axes(xLabel: "recall", yLabel: "precision", xRange: 0...1, yRange: 0...1)
        var legend: [(String, String)] = []
        var colorIndex = 0
        for (protocolIndex, result) in results.enumerated() {
            for outcome in result.conditions {
                let color = SVGCanvas.palette[colorIndex % SVGCanvas.palette.count]
                colorIndex += 1
                let curve = PrecisionRecallCurve(gold: result.gold, scores: outcome.meanProbabilities)
                canvas.polyline(curve.points.map { (canvas.x($0.recall, in: 0...1), canvas.y($0.precision, in: 0...1)) }, color: color, dashed: protocolIndex > 0)
                legend.append(("\(outcome.name) (\(result.protocolName))", color))
            }
        }
        canvas.legend(legend)
        return canvas.svg
    }

    /// Mean training loss per epoch per condition.
    static func loss(_ results: [ProtocolComparison]) -> String {
        var canvas = SVGCanvas()
        canvas.title("Training loss per epoch")
        let series = results.flatMap { result in result.conditions.map { ("\($0.name) (\(result.protocolName))", $0.lossPerEpoch) } }
        let epochs = max(1, series.map(\.1.count).max() ?? 1)
        let maxLoss = max(0.1, series.flatMap(\.1).max() ?? 1)
        let xRange = 1.0...Double(max(2, epochs))
        let yRange = 0...(maxLoss * 1.1)
        canvas.axes(xLabel: "epoch", yLabel: "mean training loss", xRange: xRange, yRange: yRange)
        var legend: [(String, String)] = []
        for (index, (name, values)) in series.enumerated() where !values.isEmpty {
            let color = SVGCanvas.palette[index % SVGCanvas.palette.count]
            let points = values.enumerated().map { (canvas.x(Double($0.offset + 1), in: xRange), canvas.y($0.element, in: yRange)) }
            canvas.polyline(points, color: color)
            for point in points { canvas.add(#"<circle cx="\#(point.0)" cy="\#(point.1)" r="3" fill="\#(color)"/>"#) }
            legend.append((name, color))
        }
        canvas.legend(legend)
        return canvas.svg
    }

    /// Training-set composition per condition: real negatives, real positives, added positives.
    static func classBalance(_ results: [ProtocolComparison]) -> String {
        var canvas = SVGCanvas()
        canvas.title("Class balance of each training set")
        guard let result = results.first else { return canvas.svg }
        let names = result.conditions.map(\.name)
        let maxSize = Double(result.conditions.map(\.trainingSize).max() ?? 1)
        let range = 0...(maxSize * 1.1)
        canvas.axes(xLabel: "condition (\(result.protocolName) split)", yLabel: "training sentences", xRange: nil, yRange: range, categories: names)
        let slot = canvas.plotWidth / Double(max(1, names.count))
        let colors = ["#9ecae1", "#d62728", "#ff9896"]
        for (index, outcome) in result.conditions.enumerated() {
            let positives = Int((outcome.positiveShare * Double(outcome.trainingSize)).rounded())
            let realPositives = positives - outcome.added
            let negatives = outcome.trainingSize - positives
            var base = 0.0
            for (segment, value) in [negatives, realPositives, outcome.added].enumerated() where value > 0 {
                let top = canvas.y(base + Double(value), in: range), bottom = canvas.y(base, in: range)
                let left = canvas.margin.left + (Double(index) + 0.2) * slot
                canvas.add(#"<rect x="\#(left)" y="\#(top)" width="\#(slot * 0.6)" height="\#(bottom - top)" fill="\#(colors[segment])"><title>\#(value)</title></rect>"#)
                base += Double(value)
            }
            canvas.add(#"<text x="\#(canvas.margin.left + (Double(index) + 0.5) * slot)" y="\#(canvas.y(base, in: range) - 6)" text-anchor="middle" font-size="12">\#(String(format: "%.0f%% positive", outcome.positiveShare * 100))</text>"#)
        }
        canvas.legend([("real Not_AE", colors[0]), ("real Adverse_Event", colors[1]), ("added Adverse_Event", colors[2])])
        return canvas.svg
    }

    static func orderedConditionNames(_ results: [ProtocolComparison]) -> [String] {
        var names: [String] = []
        for result in results { for outcome in result.conditions where !names.contains(outcome.name) { names.append(outcome.name) } }
        return names
    }
}

/// Precision and recall at every threshold, from the highest score down.
struct PrecisionRecallCurve {
    var points: [(recall: Double, precision: Double)]

    init(gold: [Bool], scores: [Double]) {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let positives = gold.lazy.filter { $0 }.count
        var truePositives = 0
        var result: [(Double, Double)] = []
        for (rank, index) in order.enumerated() {
            if gold[index] { truePositives += 1 }
            let isLastOfTie = rank == order.count - 1 || scores[order[rank + 1]] != scores[index]
            if isLastOfTie {
                result.append((Double(truePositives) / Double(max(1, positives)), Double(truePositives) / Double(rank + 1)))
            }
        }
        points = result
    }
}
