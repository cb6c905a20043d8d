import Foundation

/// A small SVG writer for the report's plots: a plot area with axes, ticks, labels and a legend.
///
/// Hand-written because the package mirror has no plotting library, and four simple chart kinds
/// need little: the output opens in any browser and scales with the window.
struct SVGCanvas {
    let width: Double = 720
    let height: Double = 440
    let margin = (left: 70.0, right: 190.0, top: 50.0, bottom: 60.0)
    private(set) var elements: [String] = []

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    var plotWidth: Double { width - margin.left - margin.right }
    var plotHeight: Double { height - margin.top - margin.bottom }

    /// Maps a data value in `range` to a pixel position along the x axis.
    func x(_ value: Double, in range: ClosedRange<Double>) -> Double {
        margin.left + (value - range.lowerBound) / max(1e-12, range.upperBound - range.lowerBound) * plotWidth
    }

    func y(_ value: Double, in range: ClosedRange<Double>) -> Double {
        margin.top + plotHeight - (value - range.lowerBound) / max(1e-12, range.upperBound - range.lowerBound) * plotHeight
    }

    mutating func add(_ element: String) { elements.append(element) }

    mutating func title(_ text: String) {
        add(#"<text x="\#(width / 2)" y="28" text-anchor="middle" font-size="18" font-weight="bold">\#(Self.escape(text))</text>"#)
    }

    /// Axes with numeric ticks on y and either numeric ticks or category labels on x.
    mutating func axes(xLabel: String, yLabel: String, xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>, categories: [String] = []) {
        let left = margin.left, bottom = margin.top + plotHeight, right = margin.left + plotWidth
        add(#"<line x1="\#(left)" y1="\#(margin.top)" x2="\#(left)" y2="\#(bottom)" stroke="black"/>"#)
        add(#"<line x1="\#(left)" y1="\#(bottom)" x2="\#(right)" y2="\#(bottom)" stroke="black"/>"#)
        for tick in Self.ticks(yRange) {
            let py = y(tick, in: yRange)
            add(#"<line x1="\#(left - 5)" y1="\#(py)" x2="\#(right)" y2="\#(py)" stroke="rgb(221,221,221)"/>"#)
            add(#"<text x="\#(left - 8)" y="\#(py + 4)" text-anchor="end" font-size="12">\#(Self.format(tick))</text>"#)
        }
        if let xRange {
            for tick in Self.ticks(xRange) {
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

    mutating func legend(_ entries: [(label: String, color: String)]) {
        let left = margin.left + plotWidth + 20
        for (index, entry) in entries.enumerated() {
            let top = margin.top + 10 + Double(index) * 22
            add(#"<rect x="\#(left)" y="\#(top - 10)" width="14" height="14" fill="\#(entry.color)"/>"#)
            add(#"<text x="\#(left + 20)" y="\#(top + 2)" font-size="13">\#(Self.escape(entry.label))</text>"#)
        }
    }

    mutating func polyline(_ points: [(Double, Double)], color: String, dashed: Bool = false) {
        let path = points.map { "\(Self.round($0.0)),\(Self.round($0.1))" }.joined(separator: " ")
        let dash = dashed ? #" stroke-dasharray="6 4""# : ""
        add(#"<polyline points="\#(path)" fill="none" stroke="\#(color)" stroke-width="2"\#(dash)/>"#)
    }

    var svg: String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" font-family="Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        \(elements.joined(separator: "\n"))
        </svg>

        """
    }

    static func ticks(_ range: ClosedRange<Double>, count: Int = 5) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return [range.lowerBound] }
        let rough = span / Double(count)
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        var tick = ceil(range.lowerBound / step) * step
        var ticks: [Double] = []
        while tick <= range.upperBound + step * 1e-9 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
        return String(format: "%.3g", value)
    }

    static func round(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
