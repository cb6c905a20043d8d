import AdeaugCore
import AdeaugExperiments
import AdeaugTestSupport
import Foundation
import Testing

/// A learning curve split into array tasks: its runs (budget × condition × seed) are cells of
/// the comparison grid, and after the merge the curve finds every run stored and gives the
/// single process's numbers.
@Suite struct LearningCurveGridTests {
    /// Two budgets (6 and 12 of the toy corpus' 18 real positives), baseline and oversample +100%.
    private let plan = LearningCurvePlan(budgets: [.count(6), .count(12)], added: [.shareOfReal(1)], strategies: [.oversample], recipeSeed: 42)
    private let seeds: [UInt64] = [1, 2]

    private func curve(_ workspace: Workspace, trainer: any ClassifierTrainer, train: [Example], test: [Example]) throws -> LearningCurve {
        let runner = LearningCurveRunner(
            runner: try ComparisonRunner(workspace: workspace, trainer: trainer), budgets: plan.budgets, added: plan.added,
            strategies: plan.strategies, recipeSeed: plan.recipeSeed)
        return try runner.run(protocolName: "clean", training: train, test: test, acceptedCandidates: [], seeds: seeds, arguments: [])
    }

    /// The figures seeds fix, per point and condition (training seconds are measured, so not them).
    private func numbers(_ curve: LearningCurve) -> [[Double]] {
        var rows: [[Double]] = []
        for point in curve.points {
            for outcome in point.comparison.conditions {
                var row: [Double] = [Double(point.realPositives), Double(outcome.added), Double(outcome.trainingSize)]
                row += outcome.f1.values + outcome.precision.values + outcome.recall.values
                row += outcome.averagePrecision.values + outcome.meanProbabilities
                row += [outcome.intervals.f1.lower, outcome.intervals.f1.upper, outcome.averagePrecisionInterval.lower]
                row += [outcome.differenceToBaseline?.interval.estimate ?? 0, outcome.differenceToBaseline?.bootstrapPValue ?? 0]
                rows.append(row)
            }
        }
        return rows
    }

    @Test func aCurveSplitIntoThreeTasksAndMergedEqualsOneProcess() throws {
        let folder = TemporaryDirectory()
        let (train, test) = ComparisonTests().corpus()
        let single = try Workspace(directory: folder.path + "/single", create: true)
        let expected = try curve(single, trainer: NaiveBayesTrainer(), train: train, test: test)
        #expect(expected.points.map(\.realPositives) == [6, 12])

        let workspace = try Workspace(directory: folder.path + "/grid", create: true)
        let output = workspace.directory.appendingPathComponent("runs/grid").path
        let trainer = NaiveBayesTrainer()
        let batches = try plan.batches(protocolName: "clean", training: train, acceptedCandidates: [], trainer: trainer)
        let grid = ComparisonGrid(batches: batches, seeds: seeds, test: test, trainer: NaiveBayesTrainer())
        // 2 budgets × 2 conditions × 2 seeds, in the order the curve trains them; cell i is task i mod 3's.
        #expect(grid.cells.map { "\($0.key.protocolName): \($0.key.condition) \($0.key.seed)" } == [
            "clean curve p6: baseline 1", "clean curve p6: baseline 2", "clean curve p6: oversample +100% 1", "clean curve p6: oversample +100% 2",
            "clean curve p12: baseline 1", "clean curve p12: baseline 2", "clean curve p12: oversample +100% 1", "clean curve p12: oversample +100% 2",
        ])
        #expect(try grid.cells(of: ArrayTask(index: 1, count: 3)).map(\.key) == [grid.cells[1].key, grid.cells[4].key, grid.cells[7].key])

        for index in 0..<3 {
            let reader = try Workspace(directory: workspace.directory.path, create: false, access: .read)
            let task = ComparisonGridTask(grid: grid, task: try ArrayTask(index: index, count: 3), output: output)
            let done = try task.run(workspace: ComparisonRunStore(workspace: reader))
            #expect(done.files == [3, 3, 2][index] && done.runs == done.files)
        }
        // Each batch's trainer trained its cells (the grid's own trainer none).
        #expect(trainer.trainingCalls == 8)
        let merged = try ComparisonGridMerge(grid: grid, output: output).merge(into: ComparisonRunStore(workspace: workspace), arguments: ["merge"])
        #expect(merged.parts == 3 && merged.runs == 8)

        let result = try curve(workspace, trainer: trainer, train: train, test: test)
        #expect(trainer.trainingCalls == 8)  // every run was stored by the merge
        #expect(numbers(result) == numbers(expected))
        #expect(result.points.map { $0.comparison.conditions.map(\.name) } == expected.points.map { $0.comparison.conditions.map(\.name) })
        #expect(result.points.map(\.levels) == expected.points.map(\.levels))
        #expect(!numbers(result).flatMap { $0 }.isEmpty)
    }
}
