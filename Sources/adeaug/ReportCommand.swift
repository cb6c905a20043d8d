import AdeaugCore
import AdeaugCorpus
import ArgumentParser

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Corpus statistics of a workspace: counts per split and label, duplicates, conflicts, train/test overlap, sentence lengths, PubMed IDs.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let report = try CorpusReport(workspace: try Workspace(location: try global.workspaceLocation(), create: false, access: .read))
        print(json ? try JSONText.encode(report, pretty: true) : report.text)
    }
}
