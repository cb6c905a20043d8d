import AdeaugCore
import AdeaugCorpus
import ArgumentParser
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read a labelled corpus, deduplicate it and split it into train and test.",
        discussion: """
            The corpus is found by --corpus, then $ADEAUG_CORPUS, then corpora/ade-corpus-v2, \
            corpora/, then ../shared/corpora/ade-corpus-v2. It can be the original ADE Corpus v2 \
            folder (DRUG-AE.rel + ADE-NEG.txt), a Hugging Face export as CSV or JSONL (`text`, \
            `label` as 0/1, Not-Related/Related or Not_AE/Adverse_Event), a folder with train and \
            test files (kept as split), or any CSV/JSONL with the columns named by --text-column \
            and --label-column.

            Sentences are deduplicated exactly and after normalisation (Unicode NFKC, case, \
            whitespace, spaces around punctuation; digits and units kept). A sentence with both \
            labels is a conflict, excluded unless --conflicts says otherwise.

            Splits: stratified (default; distinct sentences, class balance kept), grouped (by \
            PubMed ID: one abstract's sentences stay on one side), given (the input's own split), \
            rows (the published protocol: raw rows with duplicates; it leaks, and says how much). \
            The workspace's previous corpus is replaced in one transaction; on any error it is \
            left as it was.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Corpus folder or file.")
    var corpus: String?

    @Option(help: "Input format: \(CorpusFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: CorpusFormat = .auto

    @Option(help: "Split method: \(SplitMethod.allCases.map(\.rawValue).joined(separator: "|")) (default: given when the input comes split, else stratified).")
    var split: SplitMethod?

    @Option(help: "Share of the corpus that goes to test.")
    var testFraction = CorpusSettings().testFraction

    @Option(help: "Seed for the split.")
    var seed = CorpusSettings().seed

    @Option(help: "Sentences with both labels: \(ConflictPolicy.allCases.map(\.rawValue).joined(separator: "|")).")
    var conflicts: ConflictPolicy = .exclude

    @Option(help: "CSV/JSONL column holding the sentence (default: text, sentence or content).")
    var textColumn: String?

    @Option(help: "CSV/JSONL column holding the label (default: label, labels, class or target).")
    var labelColumn: String?

    @Option(help: "CSV/JSONL column holding the PubMed ID (optional).")
    var pmidColumn: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    /// The flags as the corpus stage's settings (adeaug.yaml's corpus section).
    func settings() -> CorpusSettings {
        var settings = CorpusSettings()
        settings.path = corpus
        settings.split = split
        settings.testFraction = testFraction
        settings.seed = seed
        return settings
    }

    func run() throws {
        let logger = global.makeLogger()
        let path = try CorpusLocator().locate(explicit: corpus)
        var options = settings().ingestOptions(corpusPath: path)
        options.format = format
        options.conflictPolicy = conflicts
        options.columns = ColumnNames(text: textColumn, label: labelColumn, pmid: pmidColumn)
        logger.info("ingesting \(path) into \(global.workspace)")
        let summary = try CorpusIngest(options: options).run(
            workspace: try global.workspaceLocation(), arguments: Array(CommandLine.arguments.dropFirst()), logger: logger)
        if json {
            print(try JSONText.encode(summary, pretty: true))
        } else {
            print(try CorpusReport(workspace: try Workspace(location: try global.workspaceLocation(), create: false, access: .read)).text)
        }
    }
}

extension CorpusFormat: ExpressibleByArgument {}
extension SplitMethod: ExpressibleByArgument {}
extension ConflictPolicy: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension SplitName: ExpressibleByArgument {}
