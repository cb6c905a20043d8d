import AdeaugCore
import AdeaugExperiments
import Foundation
import Logging

/// `compare` split into array tasks: each trains its cells of the grid into its own part, then
/// the merge folds the parts into the workspace and writes the report one process would.
extension CompareWorkflow {
    /// The grid's merged output, named for the job (`jobs/compare-grid/`); parts and completion
    /// markers are in `<workspace>/runs/grid.parts/`.
    public static func gridOutput(of workspace: Workspace) -> String {
        workspace.directory.appendingPathComponent("runs/grid").path
    }

    /// Every run of this comparison, then every run of `curve` (a learning curve's budgets,
    /// `LearningCurveWorkflow.batches`), in the order one process trains them.
    public func grid(workspace: Workspace, protocolName: String, curve: [ComparisonGrid.Batch] = []) throws -> ComparisonGrid {
        let test = try workspace.examples(split: .test)
        guard !test.isEmpty else { throw ExperimentError.missing("The test split is empty; run `adeaug ingest` first.") }
        return ComparisonGrid(
            batches: [.init(protocolName: protocolName, conditions: try conditions(in: workspace))] + curve,
            seeds: seeds, test: test, trainer: trainer)
    }

    /// One array task, on a workspace opened for reading: trains the task's cells into its part.
    /// - Returns: the completion marker, and whether it was there before (nothing trained).
    public func runTask(
        _ task: ArrayTask, workspace: Workspace, protocolName: String, curve: [ComparisonGrid.Batch] = [],
        startedAt: Date, logger: Logger
    ) throws -> (completion: TaskCompletion, alreadyDone: Bool) {
        guard workspace.encryptionKey == nil else { throw ComparisonGridError.encryptedWorkspace(directory: workspace.directory.path) }
        let gridTask = ComparisonGridTask(
            grid: try grid(workspace: workspace, protocolName: protocolName, curve: curve), task: task,
            output: Self.gridOutput(of: workspace), startedAt: startedAt)
        if let done = try gridTask.completion() { return (done, true) }
        logger.info("Task \(task): \(gridTask.grid.cells(of: task).count) of \(gridTask.grid.cells.count) runs into \(gridTask.part.path)")
        let completion = try gridTask.run(workspace: ComparisonRunStore(workspace: workspace)) { cell, position, count, reused in
            logger.info("[\(position)/\(count)] \(cell.key.protocolName): \(cell.key.condition), seed \(cell.key.seed)\(reused ? ": done before, reusing it" : "")")
        }
        return (completion, false)
    }

    /// Folds every task's part into the workspace's runs, then compares as one process would,
    /// finding every run stored (a learning curve run afterwards finds its runs stored too).
    public func merge(workspace: Workspace, protocolName: String, curve: [ComparisonGrid.Batch] = [], arguments: [String], logger: Logger) throws -> ProtocolComparison {
        let output = Self.gridOutput(of: workspace)
        let (parts, runs) = try ComparisonGridMerge(grid: try grid(workspace: workspace, protocolName: protocolName, curve: curve), output: output)
            .merge(into: ComparisonRunStore(workspace: workspace), arguments: arguments)
        logger.info("Merged \(runs) runs from \(parts) parts in \(TaskPart.folder(of: output)).")
        return try run(workspace: workspace, protocolName: protocolName, arguments: arguments, logger: logger)
    }
}
