import AdeaugCore
import AdeaugExperiments
import Foundation
import Testing

/// A comparison split into array tasks: which task trains which run, a task started again
/// trains nothing, the merge gives the single process's numbers, and parts of another grid
/// are refused.
@Suite struct ComparisonGridTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-grid-\(UUID().uuidString)")

    /// A workspace with the toy corpus' conditions (baseline, oversample), written by this process.
    private func setUp(_ name: String) throws -> (workspace: Workspace, conditions: [ComparisonCondition], test: [Example]) {
        let workspace = try Workspace(directory: folder.appendingPathComponent(name).path, create: true)
        let (train, test) = ComparisonTests().corpus()
        let baseline = try Rebalancer(recipe: RebalanceRecipe(strategy: .none)).build(training: train)
        let oversampled = try Rebalancer(recipe: RebalanceRecipe(strategy: .oversample, target: .positiveShare(0.5))).build(training: train)
        try TrainingSetStore(workspace: workspace).save(oversampled, arguments: ["test"])
        let conditions = [ComparisonCondition(name: "baseline", trainingSet: baseline), ComparisonCondition(name: "oversample", trainingSet: oversampled)]
        return (workspace, conditions, test)
    }

    private func grid(_ conditions: [ComparisonCondition], seeds: [UInt64], test: [Example], trainer: any ClassifierTrainer) -> ComparisonGrid {
        ComparisonGrid(batches: [.init(protocolName: "clean", conditions: conditions)], seeds: seeds, test: test, trainer: trainer)
    }

    /// Runs every task of `grid` on its own read-only opening of `workspace`.
    private func runTasks(_ grid: ComparisonGrid, count: Int, workspace: Workspace, output: String, trainer: any ClassifierTrainer, only: [Int]? = nil) throws {
        for index in only ?? Array(0..<count) {
            let reader = try Workspace(directory: workspace.directory.path, create: false, access: .read)
            let task = ComparisonGridTask(grid: grid, task: try ArrayTask(index: index, count: count), output: output)
            #expect(try task.completion() == nil)
            _ = try task.run(workspace: ComparisonRunStore(workspace: reader))
        }
    }

    /// The figures of a comparison that seeds fix (training seconds are measured, so they are not).
    private func numbers(_ comparison: ProtocolComparison) -> [[Double]] {
        comparison.conditions.map { outcome in
            outcome.f1.values + outcome.precision.values + outcome.recall.values + outcome.averagePrecision.values
                + outcome.meanProbabilities + [outcome.intervals.f1.lower, outcome.intervals.f1.upper, outcome.averagePrecisionInterval.lower]
                + [outcome.differenceToBaseline?.interval.estimate ?? 0, outcome.differenceToBaseline?.interval.lower ?? 0, outcome.differenceToBaseline?.bootstrapPValue ?? 0]
        }
    }

    @Test func cellIGoesToTaskIModNAndTheTasksCoverTheGridOnce() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, conditions, test) = try setUp("ws")
        let grid = grid(conditions, seeds: [1, 2, 3], test: test, trainer: NaiveBayesTrainer())
        #expect(grid.cells.map { "\($0.key.condition) \($0.key.seed)" } == [
            "baseline 1", "baseline 2", "baseline 3", "oversample 1", "oversample 2", "oversample 3",
        ])
        let tasks = try (0..<4).map { grid.cells(of: try ArrayTask(index: $0, count: 4)).map(\.key) }
        #expect(tasks[0] == [grid.cells[0].key, grid.cells[4].key])
        #expect(tasks[1] == [grid.cells[1].key, grid.cells[5].key])
        #expect(tasks[3] == [grid.cells[3].key])
        #expect(Set(tasks.flatMap { $0 }) == Set(grid.cells.map(\.key)) && tasks.flatMap { $0 }.count == 6)
        // More tasks than runs: the extra ones have nothing to train.
        #expect(grid.cells(of: try ArrayTask(index: 7, count: 8)).isEmpty)
        // The same inputs name the same grid; other seeds another.
        #expect(self.grid(conditions, seeds: [1, 2, 3], test: test, trainer: NaiveBayesTrainer()).fingerprint == grid.fingerprint)
        #expect(self.grid(conditions, seeds: [1, 2], test: test, trainer: NaiveBayesTrainer()).fingerprint != grid.fingerprint)
    }

    @Test func aTaskWithItsMarkerTrainsNothingAndAKilledOneTrainsOnlyWhatIsLeft() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (workspace, conditions, test) = try setUp("ws")
        let output = workspace.directory.appendingPathComponent("runs/grid").path
        let trainer = NaiveBayesTrainer()
        let grid = grid(conditions, seeds: [1, 2, 3], test: test, trainer: trainer)
        let task = ComparisonGridTask(grid: grid, task: try ArrayTask(index: 0, count: 2), output: output)

        // A killed attempt: one of the task's three runs in the working part, no marker.
        let working = try task.part.prepare()
        let first = try #require(grid.cells(of: task.part.task).first)
        try ComparisonRunPart(creatingAt: working, grid: grid.fingerprint).store(try ComparisonRunner.train(first, test: test), for: first.key)
        #expect(trainer.trainingCalls == 1)

        let done = try task.run(workspace: ComparisonRunStore(workspace: workspace))
        #expect(trainer.trainingCalls == 3)
        #expect(done.files == 3 && done.resumedFiles == 1 && done.runs == 2 && done.grid == grid.fingerprint)
        #expect(FileManager.default.fileExists(atPath: task.part.path) && !FileManager.default.fileExists(atPath: working))
        #expect(try ComparisonRunPart(reading: task.part.path).runs().count == 3)

        // Started again: the marker is there, so the caller stops before training anything.
        #expect(try task.completion() == done)
        #expect(trainer.trainingCalls == 3)
    }

    @Test func theMergeOfTheTasksEqualsOneProcess() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = try setUp("single")
        let expected = try ComparisonRunner(workspace: single.workspace, trainer: NaiveBayesTrainer())
            .run(protocolName: "clean", conditions: single.conditions, seeds: [1, 2, 3], test: single.test, arguments: [])

        let (workspace, conditions, test) = try setUp("grid")
        let output = workspace.directory.appendingPathComponent("runs/grid").path
        let trainer = NaiveBayesTrainer()
        let grid = grid(conditions, seeds: [1, 2, 3], test: test, trainer: trainer)
        try runTasks(grid, count: 4, workspace: workspace, output: output, trainer: trainer)
        #expect(trainer.trainingCalls == 6)
        // Before every task is done the merge is refused; after it, the runs are the workspace's.
        let merged = try ComparisonGridMerge(grid: grid, output: output).merge(into: ComparisonRunStore(workspace: workspace), arguments: ["merge"])
        #expect(merged.parts == 4 && merged.runs == 6)
        #expect(MergeCompletion.read(of: output)?.parts == 4)
        let report = try ComparisonRunner(workspace: workspace, trainer: trainer)
            .run(protocolName: "clean", conditions: conditions, seeds: [1, 2, 3], test: test, arguments: [])
        #expect(trainer.trainingCalls == 6)  // nothing left to train
        #expect(numbers(report) == numbers(expected))
        #expect(report.conditions.map(\.name) == expected.conditions.map(\.name))
        #expect(!numbers(report).flatMap { $0 }.isEmpty)
    }

    @Test func anUnfinishedArrayAndPartsOfAnotherGridAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (workspace, conditions, test) = try setUp("ws")
        let output = workspace.directory.appendingPathComponent("runs/grid").path
        let trainer = NaiveBayesTrainer()
        let grid = grid(conditions, seeds: [1, 2], test: test, trainer: trainer)
        try runTasks(grid, count: 2, workspace: workspace, output: output, trainer: trainer, only: [0])
        #expect(throws: TaskPartError.incomplete(output: output, missing: [1], count: 2)) {
            try ComparisonGridMerge(grid: grid, output: output).merge(into: ComparisonRunStore(workspace: workspace), arguments: [])
        }
        try runTasks(grid, count: 2, workspace: workspace, output: output, trainer: trainer, only: [1])

        // Other settings (a third seed): the task's marker and the merge both name the mismatch.
        let other = self.grid(conditions, seeds: [1, 2, 3], test: test, trainer: trainer)
        let task = ComparisonGridTask(grid: other, task: try ArrayTask(index: 0, count: 2), output: output)
        do {
            _ = try task.completion()
            Issue.record("expected the marker of another grid to be refused")
        } catch let error as ComparisonGridError {
            #expect(error.description.contains("part-0000-of-0002.done.json: written for another comparison grid"), "\(error)")
        }
        do {
            try ComparisonGridMerge(grid: other, output: output).merge(into: ComparisonRunStore(workspace: workspace), arguments: [])
            Issue.record("expected parts of another grid to be refused")
        } catch let error as ComparisonGridError {
            #expect("\(error)".contains("the settings, seeds or the workspace's training sets changed"), "\(error)")
        }
        #expect(MergeCompletion.read(of: output) == nil)
        #expect(try ComparisonRunStore(workspace: workspace).run(for: grid.cells[0].key) == nil)  // nothing folded
    }
}
