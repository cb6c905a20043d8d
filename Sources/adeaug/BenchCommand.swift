import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of each stage; build with -c release for figures worth quoting.",
        subcommands: [
            BenchIngestCommand.self, BenchEncryptionCommand.self,
            BenchCheckCommand.self, BenchIndexCommand.self,
            BenchGenerateCommand.self,
            BenchTrainCommand.self, BenchInferCommand.self, BenchTokenizeCommand.self, BenchServeCommand.self,
        ])
}

/// Tells a figure's reader whether it came from an optimised build.
enum BuildConfiguration {
    static var name: String {
        #if DEBUG
            "debug"
        #else
            "release"
        #endif
    }
}
