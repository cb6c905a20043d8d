import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole flow from one config: ingest, generate, check, rebalance, compare, report.",
        discussion: """
            Without --config, the embedded defaults (see `adeaug init`): ADE Corpus v2 from
            corpora/ or ../shared/corpora, the MiniLM checkpoint, the local llama.cpp server with
            Gemma 3 270M, low-resource mode (200 real positives) with 200 added positives per
            strategy, frozen-encoder comparisons over 3 seeds plus one fully fine-tuned pair.
            Every step is kept in the workspace: run it again after a kill and it goes on.
            """)

    @Option(help: "Config file (YAML); default: the embedded defaults.")
    var config: String?

    @Flag(name: .shortAndLong, help: "Log more detail to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only errors.")
    var quiet = false

    func run() throws {
        let global = try GlobalOptions.parse(verbose ? ["--verbose"] : (quiet ? ["--quiet"] : []))
        let logger = global.makeLogger()
        let settings = try config.map { try PipelineConfig.load(path: $0) } ?? PipelineConfig()
        let outcome = try PipelineRunner(config: settings, logger: logger).run(arguments: Array(CommandLine.arguments.dropFirst()))
        print(outcome.markdown)
        print("Report: \(outcome.reportPath)")
    }
}
