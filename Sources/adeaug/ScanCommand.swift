import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Stream pretraining shards (RefinedWeb Parquet, JSONL, text) against a fixed set of sentences; store hits with provenance.",
        discussion: """
            The path for the full RefinedWeb (5,534 Parquet files): nothing of the shards is kept, only hits. Run one process per part (`--shard i/N` takes every N-th file of the sorted list; under Slurm, Kubernetes or AWS Batch the index comes from their variable), each writing its own part and completion marker in <out>.parts/, then `adeaug scan merge --out <out>`; or let `--executor slurm` submit both (docs/slurm.md). Every 8-word n-gram of every query is checked, so any shared span of 8+ words is found, and a query under 13 words is found when it is a whole sentence of a document. A killed scan resumes with the first shard not finished.
            """,
        subcommands: [ScanRunCommand.self, ScanMergeCommand.self],
        defaultSubcommand: ScanRunCommand.self)
}
