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

    @Option(help: "Output file (SQLite) for hits.")
    var out: String

    @Option(help: "i/N: scan only every N-th shard of the sorted list, starting at the i-th.")
    var shard: String?

    @Argument(help: "Shard files.")
    var files: [String]

    @Flag(help: "Print per-shard results as JSON.")
    var json = false

    func run() throws {
        let logger = global.makeLogger()
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
        let scanner = try ShardScanner(querySet: ScanQuerySet(queries: sentences), outputPath: out)
        let selection = try shard.map { try ShardSelection(parsing: $0) } ?? .all
        var results: [ShardScanner.ShardResult] = []
        for path in selection.select(files) {
            let result = try scanner.scan(path: path)
            if result.skipped {
                logger.info("\(path): already scanned, skipped")
            } else {
                let megabytes = Double(result.bytes) / 1_000_000
                logger.info("\(path): \(result.documents) documents, \(String(format: "%.1f", megabytes)) MB, \(result.hits) hits, \(String(format: "%.1f", megabytes / max(result.seconds, 1e-9))) MB/s")
            }
            results.append(result)
        }
        if json { print(try JSONText.encode(results, pretty: true)) }
    }
}
