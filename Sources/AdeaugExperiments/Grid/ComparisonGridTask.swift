import AdeaugCore
import Foundation

/// One array task of a comparison grid: trains its cells (`ComparisonGrid.cells(of:)`) into its
/// own part (`TaskPart`: working name, renamed when complete, then the completion marker). The
/// workspace is only read: runs it already holds are not trained again.
public struct ComparisonGridTask {
    public var grid: ComparisonGrid
    public var part: TaskPart
    /// When the process started, for the marker's overall seconds (start-up and loading included).
    public var startedAt: Date

    /// - Parameter output: the grid's merged output; parts and markers go to `<output>.parts/`.
    public init(grid: ComparisonGrid, task: ArrayTask, output: String, startedAt: Date = Date()) {
        self.grid = grid
        self.part = TaskPart(output: output, task: task)
        self.startedAt = startedAt
    }

    /// The marker when this task already completed this grid; a marker of another grid is refused.
    public func completion() throws -> TaskCompletion? {
        guard let done = try part.completion() else { return nil }
        guard done.grid == grid.fingerprint else {
            throw ComparisonGridError.otherGrid(path: part.markerPath, found: done.grid ?? "no grid", expected: grid.fingerprint)
        }
        return done
    }

    /// Trains the task's cells not yet trained, each with its batch's trainer; `onCell` hears
    /// each (cell, position, count, reused).
    public func run(
        workspace: ComparisonRunStore,
        onCell: (ComparisonCell, Int, Int, Bool) -> Void = { _, _, _, _ in }
    ) throws -> TaskCompletion {
        let cells = grid.cells(of: part.task)
        let working = try part.prepare()
        var trained = 0
        var trainingSeconds = 0.0
        do {
            // Closed at the end of this scope, before the rename.
            let runs = try ComparisonRunPart(creatingAt: working, grid: grid.fingerprint)
            var prepared = false
            for (position, cell) in cells.enumerated() {
                if try runs.run(for: cell.key) != nil || workspace.run(for: cell.key) != nil {
                    onCell(cell, position + 1, cells.count, true)
                    continue
                }
                onCell(cell, position + 1, cells.count, false)
                if !prepared {
                    try grid.prepare()
                    prepared = true
                }
                let run = try ComparisonRunner.train(cell, test: grid.test)
                try runs.store(run, for: cell.key)
                trained += 1
                trainingSeconds += run.trainingSeconds
            }
        }
        let completion = TaskCompletion(
            grid: grid.fingerprint, kind: "compare", part: part, cells: cells.count, trained: trained, startedAt: startedAt,
            trainingSeconds: trainingSeconds)
        try part.complete(completion)
        return completion
    }
}
