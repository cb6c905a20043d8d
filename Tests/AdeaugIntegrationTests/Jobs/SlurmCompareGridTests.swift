import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

/// `compare --executor slurm` on this machine's real Slurm cluster: a frozen-encoder grid of
/// 2 strategies (and the baseline) × 2 seeds on the tiny checkpoint, as a 3-task array plus the
/// merge, writes the report numbers a single-process compare writes; a task cancelled with
/// scancel while it runs is the only one a resubmission runs, and the numbers stay the same.
@Suite(.serialized, .enabled(if: SlurmCluster.available, SlurmCluster.skipReason))
struct SlurmCompareGridTests {
    private let toy = ToyGridFolder()
    private var folder: TemporaryDirectory { toy.folder }
    private var model: String { toy.model }
    private func adeaug(_ arguments: [String]) throws -> AdeaugExecutable.Finished { try toy.adeaug(arguments) }

    private var compare: [String] {
        ["compare", "--conditions", "oversample,eda", "--seeds", "2", "--freeze-encoder", "--model", model, "--max-length", "16", "--quiet"]
    }

    /// What seeds fix in report.json: every condition's scores per seed, intervals and test
    /// probabilities (training seconds are measured, so left out).
    private func numbers(_ report: String) throws -> [String] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report + "/report.json"))) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        return try results.flatMap { result in
            try #require(result["conditions"] as? [[String: Any]]).map { condition in
                var kept = condition
                kept.removeValue(forKey: "trainingSeconds")
                return String(decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
            }
        }
    }

    /// The array job id `adeaug` printed ("array job 12, merge job 13").
    private func arrayID(_ printed: String) throws -> String {
        let after = try #require(printed.components(separatedBy: "array job ").dropFirst().first, "\(printed)")
        let id = String(after.prefix { $0.isNumber })
        try #require(!id.isEmpty, "\(printed)")
        return id
    }

    @Test func anArrayPlusMergeWritesTheSingleProcessNumbersAndAResubmissionRunsOnlyTheCancelledTask() throws {
        let single = try toy.workspace("single")
        _ = try adeaug(compare + ["--workspace", single, "--out", "single-report"])
        let expected = try numbers(folder.path + "/single-report")
        #expect(expected.count == 3)  // baseline, oversample, eda

        // 3 tasks (2 runs each) and the merge, on the cluster; task 1 cancelled while it runs.
        // Its working part is held locked (SQLite waits 5 s for a lock, then fails), so the
        // task cannot finish before the scancel lands: what a kill midway looks like, every time.
        let grid = try toy.workspace("grid")
        let parts = grid + "/runs/grid.parts"
        try FileManager.default.createDirectory(atPath: parts, withIntermediateDirectories: true)
        let lock = try Database(path: parts + "/part-0001-of-0003.working.sqlite", create: true)
        try lock.execute("BEGIN EXCLUSIVE")
        let submit = compare + ["--workspace", grid, "--out", "grid-report", "--executor", "slurm", "--tasks", "3"]
        let first = try adeaug(submit).stdout
        #expect(first.contains("tasks 0-2 of 3"), "\(first)")
        let id = try arrayID(first)
        try #require(SlurmCluster.wait(seconds: 30) { SlurmCluster.state(of: "\(id)_1") == "RUNNING" }, "task 1 of array \(id) never ran")
        try #require(try SlurmCluster.command(["scancel", "\(id)_1"]).status == 0)
        #expect(SlurmCluster.wait(seconds: 90) { !SlurmCluster.queued(id) }, "array \(id) did not finish; see \(grid)/jobs/compare-grid/logs")
        try lock.execute("ROLLBACK")
        let output = grid + "/runs/grid"
        let survivors = try TaskPart.completions(of: output)
        #expect(survivors.map(\.task.index) == [0, 2])
        #expect(survivors.allSatisfy { $0.kind == "compare" && $0.files == 2 && $0.runs == 2 })
        #expect(MergeCompletion.read(of: output) == nil)
        let jobs = try adeaug(["jobs", "--workspace", grid]).stdout
        #expect(jobs.contains("compare-grid: 2/3 tasks done"), "\(jobs)")
        #expect(jobs.contains("task 1  not done"), "\(jobs)")

        // The resubmission runs task 1 alone, then the merge, which writes the report.
        let again = try adeaug(submit).stdout
        #expect(again.contains("tasks 1 of 3"), "\(again)")
        #expect(SlurmCluster.wait(seconds: 90) { MergeCompletion.read(of: output) != nil }, "the merge did not finish; see \(grid)/jobs/compare-grid/logs")
        let finished = try TaskPart.completions(of: output)
        #expect(finished.map(\.task.index) == [0, 1, 2])
        #expect(finished.filter { $0.task.index != 1 } == survivors)  // tasks 0 and 2 ran once
        #expect(SlurmCluster.wait(seconds: 30) { FileManager.default.fileExists(atPath: folder.path + "/grid-report/report.json") })
        let got = try numbers(folder.path + "/grid-report")
        #expect(got == expected)
        if got != expected {
            for (a, b) in zip(got, expected) where a != b {
                let x = Array(a), y = Array(b)
                let first = x.indices.first { $0 >= y.count || x[$0] != y[$0] } ?? 0
                print("DIFF at \(first): \(String(x[max(0, first - 200)..<min(x.count, first + 200)]))\n  vs \(String(y[max(0, first - 200)..<min(y.count, first + 200)]))")
            }
        }
        let report = try adeaug(["jobs", "--workspace", grid, "--json"]).stdout
        #expect(report.contains("\"merge\" : \"merged\""), "\(report)")

        // Figures for docs/benchmarks.md: a task's overhead beyond its training, and the merge.
        let merge = try #require(MergeCompletion.read(of: output))
        for marker in finished {
            print(String(format: "compare grid task %d: %.2f s in all, %.2f s training, %.2f s overhead", marker.task.index, marker.seconds, marker.workSeconds, marker.seconds - marker.workSeconds))
        }
        print(String(format: "compare grid merge: %.3f s folding %d parts", merge.seconds, merge.parts))
    }
}
