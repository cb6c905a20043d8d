import AdeaugCore
import AdeaugCorpus
import AdeaugGeneration
import AdeaugTransport
import Foundation
import Logging

/// The `generation:` section of the config, run through the generation stage with the
/// contamination check as its screen, so `target` counts sentences that may enter training.
struct GenerationStep {
    var section: GenerationSection
    var logger: Logger
    var environment: [String: String]

    /// - Parameter target: `run`'s target (`PipelineConfig.generationTarget`).
    func run(workspace: Workspace, target: Int, screens: [any CandidateScreen], arguments: [String]) throws -> GenerationSummary {
        let local = section.localServer && (try? section.settings.resolvedURL()) == nil
        let server = LocalLLMServer(logger: logger)
        // A server this run starts, it stops when generation ends; one already running stays.
        let startedHere = local && !server.isRunning()
        let fallback = local ? try server.start() : nil
        defer { if startedHere { server.stop() } }
        var options: GenerationOptions
        do {
            options = try section.settings.makeOptions(fallbackURL: fallback, environment: environment)
        } catch let error as InvalidSetting {
            throw PipelineError.step(error.configDescription(section: "generation"))
        }
        // Drug annotations (DRUG-AE.rel) let each prompt show five different drugs, as `generate` does.
        options.drugsByExample = try CorpusVocabulary.drugsByExample(in: workspace)
        options.target = target
        options.drugEffectPairs = try CorpusVocabulary.trainingPairs(in: workspace)
        let generator = try Generator(workspace: workspace, options: options, screens: screens)
        var last = ContinuousClock.now
        return try generator.run(
            command: "run:generate", arguments: arguments,
            progress: { progress in
                guard ContinuousClock.now - last >= .seconds(10) else { return }
                last = .now
                logger.info("generate: \(progress.line)")
            },
            event: { logger.notice("generate: \($0)") })
    }
}

/// The local llama.cpp server of `scripts/llm.sh`: started when the config names no endpoint.
struct LocalLLMServer {
    var logger: Logger
    var script = "scripts/llm.sh"
    var port = GenerationSettings.localServerPort

    func isRunning() -> Bool {
        FileManager.default.isExecutableFile(atPath: script) && (try? runScript(["status"])) == 0
    }

    func stop() {
        logger.info("generate: stopping the local llama.cpp server this run started")
        _ = try? runScript(["stop"])
    }

    private func runScript(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func start() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw PipelineError.step("No generation.url in the config and no \(script) here to start the local server; run from the adeaug checkout or set generation.url.")
        }
        logger.info("generate: starting the local llama.cpp server (\(script) start \(port)); the first time it builds llama-server")
        let status = try runScript(["start", String(port)])
        guard status == 0 else {
            throw PipelineError.step("\(script) start \(port) failed (exit \(status)); see its messages above.")
        }
        return GenerationSettings.localServerURL
    }
}
