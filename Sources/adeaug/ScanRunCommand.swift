import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct ScanRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Scan shards (the default).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Sentences to look for (text lines or JSONL with `text`).")
    var queries: [String] = []

    @Flag(help: "Also look for the workspace's test sentences and generated candidates.")
    var fromWorkspace = false

    @Option(help: "Output file (SQLite) for hits; an array task writes its part to <out>.parts/ instead, for `scan merge --out <out>`.")
    var out: String

    @OptionGroup var arrayTask: ArrayTaskFlags

    @OptionGroup(title: "Executor") var executor: ExecutorFlags

    @Argument(help: "Shard files.")
    var files: [String]

    @Flag(help: "Print per-shard results as JSON.")
    var json = false

    func run() throws {
        let startedAt = Date()
        let logger = global.makeLogger()
        let settings = try executor.settings()
        if settings.kind == .slurm {
            guard arrayTask.shard == nil, arrayTask.shardCount == nil else {
                throw ValidationError("--executor slurm splits the work itself: leave out --shard and --shard-count.")
            }
            guard !queries.isEmpty || fromWorkspace else { throw ValidationError("Nothing to look for: give --queries FILE or --from-workspace.") }
            let options = queries.flatMap { ["--queries", ArraySubmission.absolute($0)] } + (fromWorkspace ? ["--from-workspace"] : [])
            return try ArraySubmission(global: global, settings: settings, dryRun: executor.dryRun).submit(
                kind: "scan", command: ["scan", "run"], output: out, options: ["--out", ArraySubmission.absolute(out)] + options,
                inputs: files, merge: ["scan", "merge", "--out", ArraySubmission.absolute(out)])
        }
        let scan = ScanTask(files: files, output: out, task: try arrayTask.task(), startedAt: startedAt)
        if let done = try scan.completion(), let part = scan.part {
            logger.info("Task \(part.task) already complete (\(part.markerPath)): \(done.files) files, \(done.hits ?? 0) hits.")
            return
        }
        var sentences: [InputSentence] = []
        for path in queries { sentences += try SentenceFileReader().read(path: path) }
        if fromWorkspace {
            let workspace = try Workspace(location: try global.workspaceLocation(), create: false, access: .read)
            sentences += try workspace.examples(split: .test).map {
                InputSentence(id: "test:\($0.id)", text: $0.text, source: $0.source)
            }
            sentences += try workspace.candidates().map {
                InputSentence(id: "candidate:\($0.id)", text: $0.text, source: SourceLocation(file: $0.origin, line: 0))
            }
        }
        guard !sentences.isEmpty else { throw ValidationError("Nothing to look for: give --queries FILE or --from-workspace.") }
        if let part = scan.part { logger.info("Task \(part.task): \(part.task.selectFiles(files).count) of \(Set(files).count) files into \(part.path)") }
        let results = try scan.run(querySet: ScanQuerySet(queries: sentences)) { result in
            if result.skipped {
                logger.info("\(result.path): already scanned, skipped")
            } else {
                let megabytes = Double(result.bytes) / 1_000_000
                logger.info("\(result.path): \(result.documents) documents, \(String(format: "%.1f", megabytes)) MB, \(result.hits) hits, \(String(format: "%.1f", megabytes / max(result.seconds, 1e-9))) MB/s")
            }
        }
        if json { print(try JSONText.encode(results, pretty: true)) }
    }
}
