import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct ScanMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Combine scan outputs into one.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Merged output file (SQLite).")
    var out: String

    @Argument(help: "Scan outputs to merge.")
    var parts: [String]

    func run() throws {
        let scanner = try ShardScanner(querySet: ScanQuerySet(queries: []), outputPath: out)
        for part in parts { try scanner.merge(part: part) }
    }
}
