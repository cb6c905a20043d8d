import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

/// `scan run --executor slurm` on this machine's real Slurm cluster: a 4-task array plus the
/// merge equals a single-process scan hit for hit; a task cancelled with scancel is the only
/// one a resubmission runs, and the result is the same.
@Suite(.serialized, .enabled(if: SlurmCluster.available, SlurmCluster.skipReason))
struct SlurmArrayScanTests {
    static let makeShards = #"""
        import pyarrow as pa, pyarrow.parquet as pq
        sentences = ["The patient developed severe lactic acidosis after two weeks of metformin therapy at a high dose.",
                     "Severe rash after penicillin.", "Gardening needs water and sun every day of the week in spring."]
        for shard in range(6):
            rows = [{"content": f"Shard {shard} row {i}. " + sentences[(shard + i) % 3] + f" Filler text number {i} about the weather.",
                     "url": f"https://example.org/{shard}/{i}"} for i in range(200)]
            pq.write_table(pa.Table.from_pylist(rows), f"shard{shard}.parquet", compression="snappy")
        """#

    private let folder = TemporaryDirectory()

    private func setUp() throws -> (queries: String, shards: [String]) {
        try Self.makeShards.write(toFile: folder.path + "/make.py", atomically: true, encoding: .utf8)
        try #require(try SlurmCluster.command(["python3", "make.py"], in: folder.path).status == 0)
        let queries = folder.path + "/queries.txt"
        try "The patient developed severe lactic acidosis after two weeks of metformin therapy at a high dose.\nSevere rash after penicillin.\nNeutropenia after clozapine in a young man.\n"
            .write(toFile: queries, atomically: true, encoding: .utf8)
        return (queries, (0..<6).map { folder.path + "/shard\($0).parquet" })
    }

    private func hits(_ path: String) throws -> [String] {
        try Database(path: path, create: false).prepare("SELECT query_id, shard, row, url, matched, total FROM scan_hits ORDER BY 1, 2, 3")
            .rows { "\($0.text(0)) \($0.text(1)) \($0.int(2)) \($0.text(3)) \($0.int(4))/\($0.int(5))" }
    }

    private func submit(_ arguments: [String]) throws -> String {
        let run = try AdeaugExecutable.run(arguments)
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// The array job id `adeaug` printed ("array job 12, merge job 13").
    private func arrayID(_ printed: String) throws -> String {
        let after = try #require(printed.components(separatedBy: "array job ").dropFirst().first, "\(printed)")
        let id = String(after.prefix { $0.isNumber })
        try #require(!id.isEmpty, "\(printed)")
        return id
    }

    @Test func anArrayOfFourTasksPlusMergeEqualsOneProcessAndAResubmissionRunsOnlyTheCancelledTask() throws {
        let (queries, shards) = try setUp()
        let single = folder.path + "/single.sqlite"
        try #require(try AdeaugExecutable.run(["scan", "run", "--queries", queries, "--out", single] + shards).status == 0)
        let expected = try hits(single)
        #expect(expected.count == 800)  // 2 of the 3 sentences queried, in 2/3 of 1,200 rows

        // 4 tasks and the merge, on the cluster.
        let workspace = folder.path + "/workspace"
        let output = folder.path + "/array.sqlite"
        let scan = ["scan", "run", "--executor", "slurm", "--tasks", "4", "--workspace", workspace, "--queries", queries, "--out", output] + shards
        let printed = try submit(scan)
        #expect(printed.contains("tasks 0-3 of 4"), "\(printed)")
        #expect(SlurmCluster.wait(seconds: 240) { MergeCompletion.read(of: output) != nil }, "the merge did not finish; see \(workspace)/jobs/scan-array/logs")
        #expect(try hits(output) == expected)
        let markers = try TaskPart.completions(of: output)
        #expect(markers.map(\.task.index) == [0, 1, 2, 3])
        #expect(markers.reduce(0) { $0 + $1.documents } == 1_200)
        // Submitting again after completion submits no task, only the (idempotent) merge.
        #expect(try submit(scan).contains("no task (all complete)"))

        // A held array; task 2 cancelled with scancel, the others released and run.
        let second = folder.path + "/again.sqlite"
        let held = ["scan", "run", "--executor", "slurm", "--tasks", "4", "--workspace", workspace, "--queries", queries, "--out", second] + shards
        let id = try arrayID(try submit(held + ["--sbatch=--hold"]))
        try #require(try SlurmCluster.command(["scancel", "\(id)_2"]).status == 0)
        try #require(try SlurmCluster.command(["scontrol", "release", id]).status == 0)
        #expect(SlurmCluster.wait(seconds: 240) { !SlurmCluster.queued(id) }, "array \(id) did not finish")
        #expect(try TaskPart.completions(of: second).map(\.task.index) == [0, 1, 3])
        #expect(MergeCompletion.read(of: second) == nil)
        let survivors = try TaskPart.completions(of: second)
        let jobs = try AdeaugExecutable.run(["jobs", "--workspace", workspace])
        #expect(jobs.stdout.contains("scan-again: 3/4 tasks done"), "\(jobs.stdout)")
        #expect(jobs.stdout.contains("task 2  not done"), "\(jobs.stdout)")

        // The resubmission runs task 2 alone, then the merge.
        let resubmitted = try submit(held)
        #expect(resubmitted.contains("tasks 2 of 4"), "\(resubmitted)")
        #expect(SlurmCluster.wait(seconds: 240) { MergeCompletion.read(of: second) != nil }, "the merge did not finish")
        #expect(try hits(second) == expected)
        let finished = try TaskPart.completions(of: second)
        #expect(finished.map(\.task.index) == [0, 1, 2, 3])
        // Tasks 0, 1, 3 ran once: their markers are those of the first submission, untouched.
        #expect(finished.filter { $0.task.index != 2 } == survivors)
        let report = try AdeaugExecutable.run(["jobs", "--workspace", workspace, "--json"])
        #expect(report.status == 0 && report.stdout.contains("\"merge\" : \"merged\""), "\(report.stdout)")
    }
}
