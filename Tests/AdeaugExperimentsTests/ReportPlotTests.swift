import AdeaugCore
import AdeaugExperiments
import Foundation
import Testing

/// The report's plots, drawn from a demo-like comparison, checked the way a reader would see
/// them: every data mark inside the plot area, no text off the canvas or over another text,
/// and each SVG rendered to PNG by a real renderer without error.
@Suite struct ReportPlotTests {
    static let plots = ["f1.svg", "average-precision.svg", "precision-recall.svg", "loss.svg", "class-balance.svg"]

    static let renderer: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Writes the report and returns its folder.
    func writeReport(_ comparison: DemoLikeComparison, protocols: [String]) throws -> URL {
        let results = try comparison.run(protocols: protocols)
        let folder = comparison.folder.appendingPathComponent("report-\(protocols.joined(separator: "-"))")
        try ComparisonReport(results: results).write(to: folder.path)
        return folder
    }

    @Test(arguments: [["clean"], ["clean", "published"]])
    func everyMarkIsInsideThePlotAreaAndNoTextIsClipped(protocols: [String]) throws {
        let comparison = DemoLikeComparison()
        defer { comparison.remove() }
        let folder = try writeReport(comparison, protocols: protocols)
        for plot in Self.plots {
            let svg = try String(contentsOf: folder.appendingPathComponent(plot), encoding: .utf8)
            let geometry = try SVGGeometry(svg: svg)
            let area = try #require(geometry.plotArea, "\(plot) has no plot area")
            #expect(!geometry.marks.isEmpty, "\(plot) draws no data")
            for mark in geometry.marks {
                #expect(!mark.points.isEmpty, "\(plot): a \(mark.element) mark without points")
                for (x, y) in mark.points {
                    #expect(x >= area.minX - 0.5 && x <= area.maxX + 0.5 && y >= area.minY - 0.5 && y <= area.maxY + 0.5,
                            "\(plot): \(mark.element) point (\(x), \(y)) outside the plot area \(area)")
                }
            }
            for text in geometry.texts {
                #expect(text.box.minX >= 0 && text.box.maxX <= geometry.width && text.box.minY >= 0 && text.box.maxY <= geometry.height,
                        "\(plot): \"\(text.content)\" (\(text.box)) runs off the \(geometry.width)×\(geometry.height) canvas")
            }
            let flat = geometry.texts.filter { $0.transform == nil }
            for (i, first) in flat.enumerated() {
                for second in flat[(i + 1)...] {
                    #expect(!first.box.overlaps(second.box), "\(plot): \"\(first.content)\" overlaps \"\(second.content)\"")
                }
            }
        }
    }

    @Test func axesCoverTheValuesDrawnAndPercentagesKeepTheirDigits() throws {
        let comparison = DemoLikeComparison()
        defer { comparison.remove() }
        let results = try comparison.run(protocols: ["clean"])
        let f1s = results[0].conditions.map(\.intervals.f1.estimate)
        // The scenario of the demo's broken plot: F1 spread over roughly 0.2 to 0.5.
        #expect(f1s.min()! < 0.3 && f1s.max()! > 0.4, "F1 at 0.5: \(f1s)")
        let folder = comparison.folder.appendingPathComponent("report")
        try ComparisonReport(results: results).write(to: folder.path)
        let f1 = try String(contentsOf: folder.appendingPathComponent("f1.svg"), encoding: .utf8)
        let geometry = try SVGGeometry(svg: f1)
        let ticks = geometry.texts.compactMap { Double($0.content) }
        #expect(ticks.min()! <= results[0].conditions.map(\.intervals.f1.lower).min()!)
        #expect(ticks.max()! >= results[0].conditions.map(\.intervals.f1.upper).max()!)
        let balance = try String(contentsOf: folder.appendingPathComponent("class-balance.svg"), encoding: .utf8)
        #expect(balance.contains("1.5% positive"))
        #expect(balance.contains("50.0% positive"))
    }

    @Test(.enabled(if: renderer != nil, "rsvg-convert is missing: install Debian's librsvg2-bin (scripts/setup.sh --with-test-tools)"))
    func rendersEveryPlotToPNG() throws {
        let comparison = DemoLikeComparison()
        defer { comparison.remove() }
        let folder = try writeReport(comparison, protocols: ["clean", "published"])
        // ADEAUG_PLOTS_OUT keeps the PNGs for a person to look at.
        let output = ProcessInfo.processInfo.environment["ADEAUG_PLOTS_OUT"].map { URL(fileURLWithPath: $0) } ?? folder
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        if output != folder {
            try? FileManager.default.removeItem(at: output.appendingPathComponent("report.md"))
            try FileManager.default.copyItem(at: folder.appendingPathComponent("report.md"), to: output.appendingPathComponent("report.md"))
        }
        for plot in Self.plots {
            let svgURL = folder.appendingPathComponent(plot)
            let pngURL = output.appendingPathComponent(plot.replacingOccurrences(of: ".svg", with: ".png"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.renderer!)
            process.arguments = ["--output", pngURL.path, svgURL.path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "rsvg-convert failed on \(plot): \(message)")
            #expect(message.isEmpty, "rsvg-convert warned on \(plot): \(message)")
            // A PNG whose header gives the SVG's size: the renderer drew the whole canvas.
            let png = try Data(contentsOf: pngURL)
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(plot): not a PNG")
            let geometry = try SVGGeometry(svg: try String(contentsOf: svgURL, encoding: .utf8))
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(Double(width) == geometry.width && Double(height) == geometry.height, "\(plot): rendered \(width)×\(height)")
        }
    }
}
