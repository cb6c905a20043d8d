import Foundation

/// A small SVG writer for the report's plots: a plot area with axes, ticks, labels and a legend.
///
/// Hand-written because the package mirror has no plotting library, and four simple chart kinds
/// need little: the output opens in any browser and scales with the window.
///
/// The canvas is sized from what it has to hold: the legend column is as wide as its longest
/// label and the canvas as tall as its entries, so no label runs off the edge. Data marks carry
/// `class="mark"` and the plot area is a `class="plot-area"` rectangle, so tests can check that
/// every mark lies inside it.
struct SVGCanvas {
    /// A legend row: a square swatch for bars and points, a line sample for curves.
    struct LegendEntry {
        enum Line {
            case solid, dashed, dotted

            /// The `stroke-dasharray` attribute for a line `scale` wide (empty when solid).
            func dashArray(scale: Double = 1) -> String {
                switch self {
                case .solid: ""
                case .dashed: #" stroke-dasharray="\#(6 * scale) \#(4 * scale)""#
                case .dotted: #" stroke-dasharray="\#(2 * scale) \#(3 * scale)""#
                }
            }
        }
        var label: String
        var color: String
        var line: Line?

        init(_ label: String, _ color: String, line: Line? = nil) {
            self.label = label
            self.color = color
            self.line = line
        }
    }

    let plotWidth: Double = 460
    let legend: [LegendEntry]
    let margin: (left: Double, right: Double, top: Double, bottom: Double)
    let width: Double
    let height: Double
    private(set) var elements: [String] = []

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    static let legendFontSize = 13.0
    static let legendRowHeight = 22.0
    static let titleFontSize = 18.0

    init(title: String, legend: [LegendEntry]) {
        self.legend = legend
        let longest = legend.map { Self.textWidth($0.label, fontSize: Self.legendFontSize) }.max() ?? 0
        // Legend column: 20 gap, 14 swatch, 6 gap, the label, 16 spare.
        let right = legend.isEmpty ? 30 : 20 + 14 + 6 + longest + 16
        margin = (left: 70, right: right, top: 50, bottom: 60)
        width = max(margin.left + plotWidth + right, Self.textWidth(title, fontSize: Self.titleFontSize, bold: true) + 40)
        let legendHeight = 10 + Double(legend.count) * Self.legendRowHeight
        height = max(440, margin.top + legendHeight + margin.bottom)
        self.title(title)
    }

    var plotHeight: Double { height - margin.top - margin.bottom }

    /// A width no rendering of `text` should exceed: 0.65 em per character (wider than the
    /// average glyph of Helvetica, Arial or DejaVu Sans, which is what a viewer substitutes).
    static func textWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        Double(text.count) * fontSize * (bold ? 0.7 : 0.65)
    }

    /// Maps a data value in `range` to a pixel position along the x axis.
    func x(_ value: Double, in range: ClosedRange<Double>) -> Double {
        margin.left + (value - range.lowerBound) / max(1e-12, range.upperBound - range.lowerBound) * plotWidth
    }

    func y(_ value: Double, in range: ClosedRange<Double>) -> Double {
        margin.top + plotHeight - (value - range.lowerBound) / max(1e-12, range.upperBound - range.lowerBound) * plotHeight
    }

    mutating func add(_ element: String) { elements.append(element) }

    private mutating func title(_ text: String) {
        add(#"<text x="\#(width / 2)" y="28" text-anchor="middle" font-size="\#(Self.titleFontSize)" font-weight="bold">\#(Self.escape(text))</text>"#)
    }

    /// Axes with numeric ticks on y and either numeric ticks or category labels on x.
    /// `wholeX` keeps only whole-number x ticks (epochs).
    mutating func axes(xLabel: String, yLabel: String, xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>, categories: [String] = [], wholeX: Bool = false) {
        let left = margin.left, bottom = margin.top + plotHeight, right = margin.left + plotWidth
        add(#"<rect class="plot-area" x="\#(left)" y="\#(margin.top)" width="\#(plotWidth)" height="\#(plotHeight)" fill="none"/>"#)
        add(#"<line x1="\#(left)" y1="\#(margin.top)" x2="\#(left)" y2="\#(bottom)" stroke="black"/>"#)
        add(#"<line x1="\#(left)" y1="\#(bottom)" x2="\#(right)" y2="\#(bottom)" stroke="black"/>"#)
        for tick in Self.ticks(yRange) {
            let py = y(tick, in: yRange)
            add(#"<line x1="\#(left - 5)" y1="\#(py)" x2="\#(right)" y2="\#(py)" stroke="rgb(221,221,221)"/>"#)
            add(#"<text x="\#(left - 8)" y="\#(py + 4)" text-anchor="end" font-size="12">\#(Self.format(tick))</text>"#)
        }
        if let xRange {
            for tick in Self.ticks(xRange) where !wholeX || abs(tick - tick.rounded()) < 1e-9 {
                let px = x(tick, in: xRange)
                add(#"<line x1="\#(px)" y1="\#(bottom)" x2="\#(px)" y2="\#(bottom + 5)" stroke="black"/>"#)
                add(#"<text x="\#(px)" y="\#(bottom + 20)" text-anchor="middle" font-size="12">\#(Self.format(tick))</text>"#)
            }
        }
        for (index, category) in categories.enumerated() {
            let px = left + (Double(index) + 0.5) * plotWidth / Double(categories.count)
            add(#"<text x="\#(px)" y="\#(bottom + 20)" text-anchor="middle" font-size="12">\#(Self.escape(category))</text>"#)
        }
        add(#"<text x="\#(left + plotWidth / 2)" y="\#(height - 15)" text-anchor="middle" font-size="14">\#(Self.escape(xLabel))</text>"#)
        add(#"<text x="18" y="\#(margin.top + plotHeight / 2)" text-anchor="middle" font-size="14" transform="rotate(-90 18 \#(margin.top + plotHeight / 2))">\#(Self.escape(yLabel))</text>"#)
    }

    mutating func polyline(_ points: [(Double, Double)], color: String, dashed: Bool = false) {
        polyline(points, color: color, line: dashed ? .dashed : .solid)
    }

    mutating func polyline(_ points: [(Double, Double)], color: String, line: LegendEntry.Line) {
        let path = points.map { "\(Self.round($0.0)),\(Self.round($0.1))" }.joined(separator: " ")
        let dash = line.dashArray()
        add(#"<polyline class="mark" points="\#(path)" fill="none" stroke="\#(color)" stroke-width="2"\#(dash)/>"#)
    }

    var svg: String {
        var all = elements
        let left = margin.left + plotWidth + 20
        for (index, entry) in legend.enumerated() {
            let top = margin.top + 10 + Double(index) * Self.legendRowHeight
            switch entry.line {
            case nil:
                all.append(#"<rect x="\#(left)" y="\#(top - 10)" width="14" height="14" fill="\#(entry.color)"/>"#)
            case let line?:
                let dash = line.dashArray(scale: 0.6)
                all.append(#"<line x1="\#(left - 2)" y1="\#(top - 3)" x2="\#(left + 16)" y2="\#(top - 3)" stroke="\#(entry.color)" stroke-width="3"\#(dash)/>"#)
            }
            all.append(#"<text x="\#(left + 20)" y="\#(top + 2)" font-size="\#(Self.legendFontSize)">\#(Self.escape(entry.label))</text>"#)
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width.rounded(.up))) \(Int(height.rounded(.up)))" width="\(Int(width.rounded(.up)))" height="\(Int(height.rounded(.up)))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="white"/>
            \(all.joined(separator: "\n"))
            </svg>

            """
    }

    /// The step between ticks: 1, 2, 2.5 or 5 times a power of ten, about `count` steps over `span`.
    static func tickStep(span: Double, count: Int = 5) -> Double {
        guard span > 0 else { return 1 }
        let rough = span / Double(count)
        let magnitude = pow(10, floor(log10(rough)))
        return [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
    }

    static func ticks(_ range: ClosedRange<Double>, count: Int = 5) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return [range.lowerBound] }
        let step = tickStep(span: span, count: count)
        var tick = ceil(range.lowerBound / step - 1e-9) * step
        var ticks: [Double] = []
        while tick <= range.upperBound + step * 1e-9 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    /// An axis range covering every value drawn, widened to whole tick steps (so the axis ends
    /// on a labelled tick) and kept inside `limits` where the quantity has natural bounds.
    static func range(covering values: [Double], limits: ClosedRange<Double>? = nil) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return limits ?? 0...1 }
        if high - low < 1e-9 { low -= 0.05; high += 0.05 }
        // Snap outwards to whole steps of the step `ticks` will use for the snapped range; a wider
        // range can call for a coarser step, so repeat until the step settles.
        var step = tickStep(span: high - low)
        for _ in 0..<4 {
            low = floor(low / step + 1e-9) * step
            high = ceil(high / step - 1e-9) * step
            let settled = tickStep(span: high - low)
            if settled == step { break }
            step = settled
        }
        if let limits {
            low = Swift.max(limits.lowerBound, low)
            high = Swift.min(limits.upperBound, high)
        }
        return low...high
    }

    static func format(_ value: Double) -> String {
        if abs(value - value.rounded()) < 1e-9 && abs(value) < 1e6 { return String(Int(value.rounded())) }
        return String(format: "%.3g", value)
    }

    static func round(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
