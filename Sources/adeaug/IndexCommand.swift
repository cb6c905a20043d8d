import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build and query an n-gram index of pretraining text (Falcon RefinedWeb) in SQLite.",
        discussion: """
            Text is tokenised into words (Unicode NFKC, lower case, punctuation folded, digits kept), hashed into 8-word n-grams and thinned by winnowing over windows of 6. Guarantee: any span of 13 words (8 + 6 − 1) shared by a query and an indexed document is found; a sentence of 13+ words that appears verbatim (after that normalisation) in a document is found with fraction 1; a shorter sentence is found when it is a sentence (split at . ! ? and line breaks) of an indexed document.
            """,
        subcommands: [IndexBuildCommand.self, IndexQueryCommand.self, IndexMergeCommand.self])
}

struct IndexBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Add input files (RefinedWeb Parquet, JSONL with content/url, optionally .gz/.zst, or text) to an index.",
        discussion: """
            Guarantee: any span of 13 words (8-word n-grams, winnowing window 6) shared by a query and an indexed document is found; a 13+-word sentence found verbatim (after normalisation) has fraction 1; a shorter sentence is found when it is a sentence of an indexed document.

            Resumable: each batch of documents is committed with how far its file got; run the same command again after a kill and it goes on from there. Files already complete are skipped, so more files can be added later.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customLong("db"), .customLong("out")], help: "Index file (SQLite), created when missing.")
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

    @Option(help: "Take only every N-th input file, starting at the i-th (0-based, of the sorted list): i/N, for N machines each building a part that `index merge` combines.")
    var shard: String?

    @Flag(help: "Print the per-file results as JSON.")
    var json = false

    func validate() throws {
        if inputs.isEmpty && files.isEmpty { throw ValidationError("Give at least one input file.") }
        if gram < 1 || window < 1 { throw ValidationError("--gram and --window must be at least 1.") }
    }

    func run() throws {
        let logger = global.makeLogger()
        let exists = FileManager.default.fileExists(atPath: db)
        let settings = NGramSettings(gram: gram, window: window)
        let index = try PretrainingIndex(path: db, readOnly: false, settings: exists && settings == .default ? nil : settings)
        var builder = PretrainingIndexBuilder(index: index)
        builder.batchDocuments = batch
        var results: [PretrainingIndexBuilder.FileResult] = []
        let selection = try shard.map { try ShardSelection(parsing: $0) } ?? .all
        for path in selection.select(inputs + files) {
            let result = try builder.add(path: path)
            if result.skipped {
                logger.info("\(path): already indexed, skipped")
            } else {
                let megabytes = Double(result.bytes) / 1_000_000
                logger.info("\(path): \(result.documents) documents, \(String(format: "%.1f", megabytes)) MB, \(result.grams) new hashes in \(String(format: "%.1f", result.seconds)) s (\(String(format: "%.1f", megabytes / max(result.seconds, 1e-9))) MB/s)")
            }
            results.append(result)
        }
        if json { print(try JSONText.encode(results, pretty: true)) }
    }
}

struct IndexQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "For each sentence: the fraction of its n-grams in the index, the longest matched span and matching URLs.",
        discussion: """
            Any span of 13 words shared with an indexed document is found; a 13+-word sentence found verbatim (after normalisation) has fraction 1; a shorter sentence is found when it is a sentence of an indexed document. The index's own settings are used; an index from another hashing version is refused.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customLong("db"), .customLong("index")], help: "Index file built by `adeaug index build`.")
    var db: String

    @Option(help: "Sentences to look up (text lines or JSONL with `text`).")
    var file: String?

    @Argument(help: "A sentence to look up.")
    var text: String?

    func validate() throws {
        if (file == nil) == (text == nil) { throw ValidationError("Give either a sentence or --file.") }
    }

    struct Line: Encodable {
        var id: String
        var text: String
        var evidence: PretrainingEvidence
    }

    func run() throws {
        let index = try PretrainingIndex(path: db, readOnly: true)
        let sentences = try file.map { try SentenceFileReader().read(path: $0) }
            ?? [InputSentence(id: "argument", text: text!, source: SourceLocation(file: "argument", line: 1))]
        for sentence in sentences {
            print(try JSONText.encode(Line(id: sentence.id, text: sentence.text, evidence: try index.lookup(sentence.text))))
        }
    }
}

struct IndexMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine indexes built in parts (`index build --shard i/N`) into one; parts already merged are skipped.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customLong("db"), .customLong("out")], help: "Target index file, created when missing.")
    var db: String

    @Argument(help: "Part indexes, in the order whose first occurrences should win.")
    var parts: [String]

    func run() throws {
        let logger = global.makeLogger()
        guard let first = parts.first else { throw ValidationError("Give at least one part.") }
        let settings = try PretrainingIndex(path: first, readOnly: true).settings
        let merger = PretrainingIndexMerger(index: try PretrainingIndex(path: db, readOnly: false, settings: settings))
        for part in parts {
            let merged = try merger.merge(part: part)
            logger.info("\(part): \(merged ? "merged" : "already merged, skipped")")
        }
        print(try JSONText.encode(try merger.index.statistics(), pretty: true))
    }
}
