import AdeaugCore
import AdeaugCorpus
import AdeaugPipeline
import ArgumentParser

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Corpus statistics of a workspace: counts per split and label, duplicates, conflicts, train/test overlap, sentence lengths, PubMed IDs.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the quality of the generated sentences instead: counts at each gate, distinct-n, edit distance to training, drugs and effects named, label-filter scores (the section `compare` and `run` add to their report).")
    var quality = false

    func run() throws {
        if quality {
            let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
            guard let section = try SyntheticSetQualityReader().section(for: workspace) else {
                print("No generated sentence in \(global.workspace).")
                return
            }
            print(json ? try JSONText.encode(section, pretty: true) : section.markdown.joined(separator: "\n"))
            return
        }
        let report = try CorpusReport(workspace: try Workspace(location: try global.workspaceLocation(), create: false, access: .read))
        print(json ? try JSONText.encode(report, pretty: true) : report.text)
    }
}
