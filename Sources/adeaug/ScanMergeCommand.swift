import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct ScanMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Combine scan outputs into one.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Merged output file (SQLite).")
    var out: String

    @Argument(help: "Scan outputs to merge. None: the parts of the array tasks in <out>.parts/, once every task has its completion marker.")
    var parts: [String] = []

    func run() throws {
        let logger = global.makeLogger()
        guard !parts.isEmpty else {
            let started = Date()
            let merged = try ScanTask.mergeParts(into: out) { logger.info("\($0): merged") }
            logger.info("Merged \(merged.count) parts into \(out) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
            return
        }
        let scanner = try ShardScanner(querySet: ScanQuerySet(queries: []), outputPath: out)
        for part in parts { try scanner.merge(part: part) }
    }
}
