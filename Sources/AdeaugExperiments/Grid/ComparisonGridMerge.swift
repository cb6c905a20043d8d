import AdeaugCore
import Foundation

/// Folds a finished grid's parts into the workspace's run store, once every task has its
/// completion marker; afterwards the comparison finds every run stored and only writes its report.
public struct ComparisonGridMerge {
    public var grid: ComparisonGrid
    /// The grid's merged output; the parts are in `<output>.parts/`.
    public var output: String

    public init(grid: ComparisonGrid, output: String) {
        self.grid = grid
        self.output = output
    }

    /// - Returns: the parts folded and the runs they held.
    @discardableResult
    public func merge(into store: ComparisonRunStore, arguments: [String]) throws -> (parts: Int, runs: Int) {
        let started = Date()
        let paths = try TaskPart.completeParts(of: output)
        for marker in try TaskPart.completions(of: output) where marker.grid != grid.fingerprint {
            throw ComparisonGridError.otherGrid(
                path: TaskPart(output: output, task: marker.task).markerPath, found: marker.grid ?? "no grid", expected: grid.fingerprint)
        }
        var runs: [(key: ComparisonRunKey, run: TrainedRun)] = []
        for path in paths {
            let part = try ComparisonRunPart(reading: path)
            let found = try part.grid() ?? "no grid"
            guard found == grid.fingerprint else { throw ComparisonGridError.otherGrid(path: path, found: found, expected: grid.fingerprint) }
            runs += try part.runs()
        }
        let wanted = Set(grid.cells.map(\.key))
        let folded = runs.filter { wanted.contains($0.key) }
        try store.store(folded, command: "compare --merge", arguments: arguments)
        let missing = try grid.cells.filter { try store.run(for: $0.key) == nil }
        if let first = missing.first { throw ComparisonGridError.runsMissing(count: missing.count, first: first.key.description) }
        try MergeCompletion(parts: paths.count, seconds: Date().timeIntervalSince(started)).write(of: output)
        return (paths.count, folded.count)
    }
}
