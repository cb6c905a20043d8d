import AdeaugCore
import Testing

@Suite struct ArrayTaskResolverTests {
    private func resolve(_ environment: [String: String], shard: String? = nil, count: Int? = nil) throws -> ArrayTask? {
        try ArrayTaskResolver(environment: environment).resolve(shard: shard, count: count)
    }

    @Test func theFlagWinsOverEveryVariable() throws {
        let task = try resolve(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4", "JOB_COMPLETION_INDEX": "1"], shard: "2/8")
        #expect(task == (try ArrayTask(index: 2, count: 8)))
    }

    @Test func noVariableMeansOneProcessForTheWholeJob() throws {
        #expect(try resolve([:]) == nil)
        #expect(try resolve(["HOME": "/root"]) == nil)
        #expect(throws: ArrayTaskError.countWithoutIndex) { try resolve(["HOME": "/root"], count: 4) }
        // An explicit 0/1 is an array of one task: it writes a part, like any array task.
        #expect(try resolve([:], shard: "0/1") == (try ArrayTask(index: 0, count: 1)))
    }

    @Test func slurmCountsFromTheArraysBounds() throws {
        #expect(try resolve(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0"]) == (try ArrayTask(index: 2, count: 4)))
        // --array=1-4: ids count from the minimum.
        #expect(try resolve(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4"]) == (try ArrayTask(index: 0, count: 4)))
        #expect(try resolve(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"]) == (try ArrayTask(index: 3, count: 4)))
    }

    @Test func anExplicitCountMakesTheSlurmIdTheIndex() throws {
        // A resubmission of only task 3 (--array=3) still takes task 3's files of 4.
        let environment = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "1"]
        #expect(try resolve(environment, count: 4) == (try ArrayTask(index: 3, count: 4)))
        #expect(throws: ArrayTaskError.outOfRange(index: 4, count: 4, origin: "$SLURM_ARRAY_TASK_ID")) {
            try resolve(["SLURM_ARRAY_TASK_ID": "4"], count: 4)
        }
    }

    @Test func kubernetesAndBatchTakeTheCountFromTheFlag() throws {
        #expect(try resolve(["JOB_COMPLETION_INDEX": "5"], count: 16) == (try ArrayTask(index: 5, count: 16)))
        #expect(try resolve(["AWS_BATCH_JOB_ARRAY_INDEX": "0"], count: 2) == (try ArrayTask(index: 0, count: 2)))
        #expect(throws: ArrayTaskError.countMissing(variable: "JOB_COMPLETION_INDEX", index: 5)) { try resolve(["JOB_COMPLETION_INDEX": "5"]) }
        #expect(throws: ArrayTaskError.countMissing(variable: "SLURM_ARRAY_TASK_ID", index: 1)) { try resolve(["SLURM_ARRAY_TASK_ID": "1"]) }
    }

    @Test func badValuesNameTheirOrigin() throws {
        #expect(throws: ArrayTaskError.notANumber(variable: "AWS_BATCH_JOB_ARRAY_INDEX", value: "x")) {
            try resolve(["AWS_BATCH_JOB_ARRAY_INDEX": "x"], count: 2)
        }
        #expect(throws: ArrayTaskError.unparsable("3")) { try resolve([:], shard: "3") }
        #expect(throws: ArrayTaskError.outOfRange(index: 2, count: 2, origin: "--shard")) { try resolve([:], shard: "2/2") }
        #expect(throws: ArrayTaskError.outOfRange(index: 0, count: 0, origin: "--shard-count")) { try resolve([:], count: 0) }
        #expect(ArrayTaskError.countMissing(variable: "JOB_COMPLETION_INDEX", index: 1).description.contains("--shard-count"))
    }

    @Test func tasksSplitSortedFilesByPosition() throws {
        let files = ["d", "b", "a", "c", "e", "a"]
        #expect(try (0..<3).map { try ArrayTask(index: $0, count: 3).selectFiles(files) } == [["a", "d"], ["b", "e"], ["c"]])
    }
}
