import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct IndexBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Add input files (RefinedWeb Parquet, JSONL with content/url, optionally .gz/.zst, or text) to an index.",
        discussion: """
            Guarantee: any span of 13 words (8-word n-grams, winnowing window 6) shared by a query and an indexed document is found; a 13+-word sentence found verbatim (after normalisation) has fraction 1; a shorter sentence is found when it is a sentence of an indexed document.

            Resumable: each batch of documents is committed with how far its file got; run the same command again after a kill and it goes on from there. Files already complete are skipped, so more files can be added later.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customLong("db"), .customLong("out")], help: "Index file (SQLite), created when missing; an array task writes its part to <db>.parts/ instead, for `index merge --db <db>`.")
    var db: String

    @Option(name: .customLong("input"), parsing: .upToNextOption, help: "Input files.")
    var inputs: [String] = []

    @Argument(help: "More input files.")
    var files: [String] = []

    @Option(help: "Words per n-gram (a new index only).")
    var gram = NGramSettings.default.gram

    @Option(help: "Winnowing window in n-grams (1 = keep every n-gram; a new index only).")
    var window = NGramSettings.default.window

    @Option(help: "Documents per transaction.")
    var batch = 20_000

    @OptionGroup var arrayTask: ArrayTaskFlags

    @OptionGroup(title: "Executor") var executor: ExecutorFlags

    @Flag(help: "Print the per-file results as JSON.")
    var json = false

    func validate() throws {
        if inputs.isEmpty && files.isEmpty { throw ValidationError("Give at least one input file.") }
        if gram < 1 || window < 1 { throw ValidationError("--gram and --window must be at least 1.") }
    }

    func run() throws {
        let startedAt = Date()
        let logger = global.makeLogger()
        let settings = try executor.settings()
        if settings.kind == .slurm {
            guard arrayTask.shard == nil, arrayTask.shardCount == nil else {
                throw ValidationError("--executor slurm splits the work itself: leave out --shard and --shard-count.")
            }
            return try ArraySubmission(global: global, settings: settings, dryRun: executor.dryRun).submit(
                kind: "index", command: ["index", "build"], output: db,
                options: ["--db", ArraySubmission.absolute(db), "--gram", "\(gram)", "--window", "\(window)", "--batch", "\(batch)"],
                inputs: inputs + files, merge: ["index", "merge", "--db", ArraySubmission.absolute(db)])
        }
        let build = IndexBuildTask(
            files: inputs + files, output: db, task: try arrayTask.task(), settings: NGramSettings(gram: gram, window: window),
            batchDocuments: batch, startedAt: startedAt)
        if let done = try build.completion(), let part = build.part {
            logger.info("Task \(part.task) already complete (\(part.markerPath)): \(done.files) files, \(done.documents) documents.")
            return
        }
        let results = try build.run { result in
            if result.skipped {
                logger.info("\(result.path): already indexed, skipped")
            } else {
                let megabytes = Double(result.bytes) / 1_000_000
                logger.info("\(result.path): \(result.documents) documents, \(String(format: "%.1f", megabytes)) MB, \(result.grams) new hashes in \(String(format: "%.1f", result.seconds)) s (\(String(format: "%.1f", megabytes / max(result.seconds, 1e-9))) MB/s)")
            }
        }
        if json { print(try JSONText.encode(results, pretty: true)) }
    }
}
