import AdeaugCore
import ArgumentParser
import Foundation

/// `--shard i/N` and `--shard-count N`: which task of an array job this process is. Without
/// `--shard`, the index comes from the scheduler's variable (Slurm, Kubernetes, AWS Batch; see
/// `ArrayTaskResolver`) and the count from `--shard-count` or the scheduler.
struct ArrayTaskFlags: ParsableArguments {
    @Option(help: "i/N: take only every N-th input file of the sorted list (compare: every N-th training run), starting at the i-th (0-based), writing a part to merge. Default: from $SLURM_ARRAY_TASK_ID, $JOB_COMPLETION_INDEX or $AWS_BATCH_JOB_ARRAY_INDEX when set.")
    var shard: String?

    @Option(help: "Tasks in the array, when the index comes from the scheduler's variable (needed for Kubernetes and AWS Batch; with Slurm, the task id is then the index).")
    var shardCount: Int?

    /// Nil: not an array task (the whole job in this process).
    func task() throws -> ArrayTask? {
        try ArrayTaskResolver(environment: ProcessInfo.processInfo.environment).resolve(shard: shard, count: shardCount)
    }
}
