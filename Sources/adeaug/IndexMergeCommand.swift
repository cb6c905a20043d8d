import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct IndexMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine indexes built in parts (`index build --shard i/N`, or an array job's parts) into one; parts already merged are skipped.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customLong("db"), .customLong("out")], help: "Target index file, created when missing.")
    var db: String

    @Argument(help: "Part indexes, in the order whose first occurrences should win. None: the parts of the array tasks in <db>.parts/, once every task has its completion marker.")
    var parts: [String] = []

    func run() throws {
        let logger = global.makeLogger()
        guard let first = parts.first else {
            let merger = try IndexBuildTask.mergeParts(into: db) { part, merged in
                logger.info("\(part): \(merged ? "merged" : "already merged, skipped")")
            }
            print(try JSONText.encode(try merger.index.statistics(), pretty: true))
            return
        }
        let settings = try PretrainingIndex(path: first, readOnly: true).settings
        let merger = PretrainingIndexMerger(index: try PretrainingIndex(path: db, readOnly: false, settings: settings))
        for part in parts {
            let merged = try merger.merge(part: part)
            logger.info("\(part): \(merged ? "merged" : "already merged, skipped")")
        }
        print(try JSONText.encode(try merger.index.statistics(), pretty: true))
    }
}
