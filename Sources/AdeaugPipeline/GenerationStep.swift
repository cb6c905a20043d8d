import AdeaugCore
import AdeaugGeneration
import AdeaugTransport
import Foundation
import Logging

/// The `generation:` section of the config, run through the generation stage with the
/// contamination check as its screen, so `target` counts sentences that may enter training.
struct GenerationStep {
    var config: PipelineConfig.Generation
    var logger: Logger

    func run(workspace: Workspace, screen: any CandidateScreen, arguments: [String]) throws -> GenerationSummary {
        let url = try config.url ?? LocalLLMServer(logger: logger).start()
        guard let kind = EndpointKind(rawValue: config.endpoint) else {
            throw PipelineError.step("generation.endpoint must be one of \(EndpointKind.allCases.map(\.rawValue).joined(separator: ", ")), not \(config.endpoint)")
        }
        let template = try PromptTemplate.resolve(config.template ?? (kind == .openaiChat ? PromptTemplate.chatName : PromptTemplate.falconInstructName))
        var options = GenerationOptions(
            endpoint: Endpoint(kind: kind, url: url, model: config.model ?? "default", authentication: try authentication(), timeouts: HTTPTimeouts(totalMilliseconds: 180_000)),
            template: template)
        options.target = config.target
        options.maxRequests = config.maxRequests
        options.concurrency = config.concurrency
        options.seed = config.seed
        options.redact = config.redact
        options.auditPrompts = config.auditPrompts
        options.parameters.stop = template.defaultStops
        options.preflight = kind == .tgi
        let generator = try Generator(workspace: workspace, options: options, screens: [screen])
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

    /// A bearer token only from the environment (`ADEAUG_TOKEN`), never from the config file.
    private func authentication() throws -> RequestAuthentication {
        if let token = ProcessInfo.processInfo.environment["ADEAUG_TOKEN"], !token.isEmpty {
            return .bearer(token: token)
        }
        return .none
    }
}

/// The local llama.cpp server of `scripts/llm.sh`: started when the config names no endpoint.
struct LocalLLMServer {
    var logger: Logger
    var script = "scripts/llm.sh"
    var port = 8091

    func start() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw PipelineError.step("No generation.url in the config and no \(script) here to start the local server; run from the adeaug checkout or set generation.url.")
        }
        logger.info("generate: starting the local llama.cpp server (\(script) start \(port)); the first time it builds llama-server")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "start", String(port)]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PipelineError.step("\(script) start \(port) failed (exit \(process.terminationStatus)); see its messages above.")
        }
        return "http://127.0.0.1:\(port)"
    }
}
