import AdeaugCore
import AdeaugTestSupport
@testable import AdeaugExperiments
import Foundation
import Testing

/// The learning curve: budgets and added counts as a user writes them, equal counts in every
/// cell (capped by the synthetic set), resumable runs, and plots a reader can read.
@Suite struct LearningCurveTests {
    @Test func budgetsAndAddedCountsParseAsWritten() throws {
        #expect(try RealPositiveBudget(parsing: "50") == .count(50))
        #expect(try RealPositiveBudget(parsing: "all") == .all)
        #expect(RealPositiveBudget.count(800).resolved(available: 600) == 600)
        #expect(try AddedPositives(parsing: "+100%") == .shareOfReal(1))
        #expect(try AddedPositives(parsing: "300%") == .shareOfReal(3))
        #expect(try AddedPositives(parsing: "200") == .count(200))
        #expect(AddedPositives.shareOfReal(3).description == "+300%")
        #expect(AddedPositives.shareOfReal(1).resolved(realPositives: 45) == 45)
        #expect(throws: InvalidSetting.self) { try RealPositiveBudget(parsing: "0") }
        #expect(throws: InvalidSetting.self) { try AddedPositives(parsing: "+abc%") }
        #expect(throws: InvalidSetting.self) { try AddedPositives(parsing: "-5") }
        let decoded = try JSONDecoder().decode([AddedPositives].self, from: Data(#"["+100%", 250]"#.utf8))
        #expect(decoded == [.shareOfReal(1), .count(250)])
    }

    /// 45 real positives in the demo-like corpus; 50 accepted synthetic candidates.
    func run(_ workspace: Workspace, onRun: @escaping (String, UInt64, Int, Int, Bool) -> Void = { _, _, _, _, _ in }) throws -> LearningCurve {
        let (train, test) = DemoLikeComparison.corpus()
        let candidates = (1...50).map { Candidate(id: Int64($0), text: "Synthetic case \($0): rash after penicillin.", label: .adverseEvent, origin: "test") }
        var runner = try ComparisonRunner(workspace: workspace, trainer: PriorFollowingTrainer())
        runner.bootstrap = Bootstrap(resamples: 200)
        runner.onRun = onRun
        let curve = LearningCurveRunner(
            runner: runner, budgets: [.count(10), .count(20), .all, .count(999)], added: [.shareOfReal(1), .shareOfReal(3)],
            strategies: [.synthetic, .oversample, .eda], recipeSeed: 42)
        return try curve.run(protocolName: "clean", training: train, test: test, acceptedCandidates: candidates, seeds: [1, 2], arguments: [])
    }

    @Test func everyCellAddsEqualCountsCappedBySyntheticAndResumes() throws {
        let folder = TemporaryDirectory()
        let workspace = try Workspace(directory: folder.path + "/ws", create: true)
        var trained = 0
        let curve = try run(workspace) { _, _, _, _, resumed in if !resumed { trained += 1 } }
        // `all` and 999 both come to the split's 45 positives: one point.
        #expect(curve.points.map(\.realPositives) == [10, 20, 45])
        #expect(curve.points.last?.label == "45 (all)")
        #expect(curve.points.map { $0.levels.map(\.added) } == [[10, 30], [20, 50], [45, 50]])
        for point in curve.points {
            #expect(point.comparison.conditions.count == 1 + 2 * 3)
            #expect(point.baseline?.added == 0)
            for level in point.levels {
                let added = curve.strategies.compactMap { point.outcome($0, level.asked)?.added }
                #expect(added == [level.added, level.added, level.added], "\(point.label) \(level.asked): \(added)")
            }
            let realPositives = point.comparison.conditions.map { Int(($0.positiveShare * Double($0.trainingSize)).rounded()) - $0.added }
            #expect(Set(realPositives) == [point.realPositives])
        }
        #expect(trained == 3 * 7 * 2)
        var retrained = 0
        _ = try run(workspace) { _, _, _, _, resumed in if !resumed { retrained += 1 } }
        #expect(retrained == 0)
        let markdown = ComparisonReport(results: [], learningCurve: curve).markdown
        #expect(markdown.contains("At 20 real positives, +300% asked for 60 added positives; the synthetic set had 50, so every strategy adds 50 there."))
        #expect(markdown.contains("| 45 (all) | 50 (+300%) | eda +300% |"))
    }

    @Test func aCurveWithoutSyntheticCandidatesSaysWhatToDo() throws {
        let folder = TemporaryDirectory()
        let workspace = try Workspace(directory: folder.path + "/ws", create: true)
        let (train, test) = DemoLikeComparison.corpus()
        let runner = LearningCurveRunner(
            runner: try ComparisonRunner(workspace: workspace, trainer: PriorFollowingTrainer()), budgets: [.count(10)],
            added: [.shareOfReal(1)], strategies: [.synthetic, .eda], recipeSeed: 42)
        #expect(throws: ExperimentError.self) {
            try runner.run(protocolName: "clean", training: train, test: test, acceptedCandidates: [], seeds: [1], arguments: [])
        }
    }

    @Test func learningCurvePlotsKeepEveryMarkInsideAndRender() throws {
        let folder = TemporaryDirectory()
        let workspace = try Workspace(directory: folder.path + "/ws", create: true)
        let curve = try run(workspace)
        let report = URL(fileURLWithPath: folder.path).appendingPathComponent("report")
        try ComparisonReport(results: [curve.points[0].comparison], learningCurve: curve).write(to: report.path)
        for plot in ["learning-curve-f1.svg", "learning-curve-ap.svg"] {
            let svg = try String(contentsOf: report.appendingPathComponent(plot), encoding: .utf8)
            let geometry = try SVGGeometry(svg: svg)
            let area = try #require(geometry.plotArea)
            // Bands (polygons), lines and points for baseline + 3 strategies × 2 added counts.
            #expect(geometry.marks.filter { $0.element == "polygon" }.count == 7)
            #expect(geometry.marks.filter { $0.element == "circle" }.count == 7 * 3)
            for mark in geometry.marks {
                for (x, y) in mark.points {
                    #expect(x >= area.minX - 0.5 && x <= area.maxX + 0.5 && y >= area.minY - 0.5 && y <= area.maxY + 0.5, "\(plot): \(mark.element) (\(x), \(y)) outside \(area)")
                }
            }
            for text in geometry.texts {
                #expect(text.box.minX >= 0 && text.box.maxX <= geometry.width && text.box.minY >= 0 && text.box.maxY <= geometry.height, "\(plot): \"\(text.content)\" clipped")
            }
            guard let renderer = ReportPlotTests.renderer else { continue }
            let png = report.appendingPathComponent(plot.replacingOccurrences(of: ".svg", with: ".png"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: renderer)
            process.arguments = ["--output", png.path, report.appendingPathComponent(plot).path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            if let keep = ProcessInfo.processInfo.environment["ADEAUG_PLOTS_OUT"] {
                try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(atPath: keep + "/" + png.lastPathComponent)
                try FileManager.default.copyItem(atPath: png.path, toPath: keep + "/" + png.lastPathComponent)
            }
        }
    }
}
