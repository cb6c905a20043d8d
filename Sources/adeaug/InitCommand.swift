import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented adeaug.yaml with every setting and its default.")

    @Option(help: "Where to write the config.")
    var out = "adeaug.yaml"

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: out) && !force {
            throw ValidationError("\(out) exists; pass --force to overwrite it.")
        }
        try OwnerOnlyFile.writeAtomically(Data(PipelineConfig.template.utf8), to: out)
        print("Wrote \(out). Run it with: adeaug run --config \(out)")
    }
}
