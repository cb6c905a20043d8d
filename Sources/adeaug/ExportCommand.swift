import AdeaugCore
import AdeaugCorpus
import ArgumentParser

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one split of the workspace as JSONL or CSV (labels Not_AE / Adverse_Event).",
        discussion: "Without --out the split goes to standard output. Files are written whole (temporary file, then rename) and readable by their owner only.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Split to export: train|test.")
    var split: SplitName

    @Option(help: "Output format: jsonl|csv.")
    var format: ExportFormat = .jsonl

    @Option(help: "Output file (default: standard output).")
    var out: String?

    func run() throws {
        let logger = global.makeLogger()
        let workspace = try Workspace(location: try global.workspaceLocation(), create: false, access: .read)
        let examples = try workspace.examples(split: split)
        guard !examples.isEmpty || split == .test else {
            throw WorkspaceError.noCorpus(directory: global.workspace)
        }
        let exporter = CorpusExporter(format: format)
        if let out {
            let path = try exporter.write(examples, to: out, files: OutputFiles(key: workspace.encryptionKey))
            logger.info("wrote \(examples.count) \(split.rawValue) examples to \(path)")
        } else {
            print(try exporter.render(examples), terminator: "")
        }
    }
}
