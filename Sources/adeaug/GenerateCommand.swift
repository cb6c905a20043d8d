import AdeaugCore
import AdeaugCorpus
import AdeaugGeneration
import AdeaugTransport
import ArgumentParser
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate synthetic adverse-event sentences from five-shot prompts of training positives.",
        discussion: """
            Every request is stored (keyed by template, examples, parameters and seed) before it is sent, and every answer with its candidates before it counts: run the same command again after a kill and it goes on without repeating an answered request. --target counts the candidates of the class in this workspace that passed the filters (empty, truncated, too short or long, non-text, copy of a shown example, duplicate).

            Endpoints: tgi (POST /generate, or the URL's own path such as / or /invocations), openai (/v1/completions), openai-chat (/v1/chat/completions), sagemaker (--sagemaker-endpoint NAME --region REGION, signed with SigV4 from the AWS environment variables or ~/.aws/credentials; --url overrides the URL). Bearer tokens come from --token-env VAR or --token-file FILE, never from the command line.

            Default: the local llama-server of `scripts/llm.sh start` (OpenAI-compatible, 127.0.0.1:8091).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Endpoint kind: \(EndpointKind.allCases.map(\.rawValue).joined(separator: "|")).")
    var endpoint: EndpointKind = .openai

    @Option(help: "Endpoint URL (default: the local llama-server, or the SageMaker runtime URL).")
    var url: String?

    @Option(help: "Model name sent to OpenAI-compatible servers.")
    var model = "default"

    @Option(help: "SageMaker endpoint name.")
    var sagemakerEndpoint: String?

    /// `--region` is a global option (the KMS key's region too).
    var region: String? { global.region }

    @Option(help: "Profile of ~/.aws/credentials (default: the AWS environment variables, then AWS_PROFILE or default).")
    var awsProfile: String?

    @Option(help: "Environment variable holding a bearer token.")
    var tokenEnv: String?

    @Option(help: "File holding a bearer token.")
    var tokenFile: String?

    @Option(help: "Prompt template: falcon-instruct, chat, prompts/NAME.mustache by name, or a path (default: chat for openai-chat, else falcon-instruct).")
    var template: String?

    @Flag(help: "Generate Not_AE sentences from training negatives instead of adverse events.")
    var negative = false

    @Option(help: "Accepted candidates wanted (of the class, in this workspace).")
    var target = 100

    @Option(help: "At most this many HTTP attempts in this run, retries included.")
    var maxRequests: Int?

    @Option(help: "Requests in flight at most.")
    var concurrency = 4

    @Option(help: "Seed of the request plan (examples and sampling seeds).")
    var seed: UInt64 = 42

    @Option(help: "Tokens to generate per request.")
    var maxNewTokens = 64

    @Option(help: "Sampling temperature (> 0).")
    var temperature = 0.8

    @Option(help: "Nucleus sampling (0 < p < 1).")
    var topP = 0.9

    @Option(help: "Top-k sampling (TGI and SageMaker).")
    var topK = 50

    @Option(help: "Repetition penalty (TGI and SageMaker).")
    var repetitionPenalty = 1.03

    @Option(help: "Stop sequence (repeatable, at most 4; default: the template's).")
    var stop: [String] = []

    @Option(help: "Seconds a request may take in all (a generation sends nothing until it is done).")
    var requestTimeout = 120.0

    @Option(help: "Attempts per request, the first included.")
    var maxAttempts = 5

    @Flag(help: "Remove e-mail addresses, phone numbers, dates and record numbers from examples before sending.")
    var redact = false

    @Flag(help: "Keep each prompt's text in the audit trail (`adeaug audit`); by default only its SHA-256 is kept.")
    var auditPrompts = false

    @Flag(help: "Allow plain http:// to hosts other than this machine.")
    var allowInsecureHTTP = false

    @Flag(help: "Skip TGI's /health and /info check.")
    var noPreflight = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let logger = global.makeLogger()
        let authentication = try makeAuthentication()
        let resolvedURL: String
        if let url {
            resolvedURL = url
        } else if endpoint == .sagemaker {
            guard let sagemakerEndpoint, let region else {
                throw ValidationError("--endpoint sagemaker needs --sagemaker-endpoint NAME and --region REGION (or --url).")
            }
            resolvedURL = Endpoint.sageMakerURL(endpointName: sagemakerEndpoint, region: region)
        } else {
            resolvedURL = "http://127.0.0.1:8091"
        }
        let templateName = template ?? (endpoint == .openaiChat ? PromptTemplate.chatName : PromptTemplate.falconInstructName)
        let promptTemplate = try PromptTemplate.resolve(templateName)
        var options = GenerationOptions(
            endpoint: Endpoint(
                kind: endpoint, url: resolvedURL, model: model, authentication: authentication,
                timeouts: HTTPTimeouts(totalMilliseconds: Int(requestTimeout * 1000))),
            template: promptTemplate)
        options.label = negative ? .notAdverseEvent : .adverseEvent
        options.target = target
        options.maxRequests = maxRequests
        options.concurrency = concurrency
        options.seed = seed
        options.parameters.maxNewTokens = maxNewTokens
        options.parameters.temperature = temperature
        options.parameters.topP = topP
        options.parameters.topK = topK
        options.parameters.repetitionPenalty = repetitionPenalty
        options.parameters.stop = stop.isEmpty ? promptTemplate.defaultStops : stop.map { $0.replacingOccurrences(of: "\\n", with: "\n") }
        options.retry.maximumAttempts = maxAttempts
        options.redact = redact
        options.auditPrompts = auditPrompts
        options.allowInsecureHTTP = allowInsecureHTTP
        options.preflight = !noPreflight

        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
        // Drug annotations (DRUG-AE.rel) let each prompt show five different drugs.
        options.drugsByExample = try CorpusVocabulary.drugsByExample(in: workspace)
        let generator = try Generator(workspace: workspace, options: options)
        let interactive = isatty(STDERR_FILENO) == 1
        var lastLine = ContinuousClock.now
        let summary = try generator.run(
            arguments: Array(CommandLine.arguments.dropFirst()),
            progress: { progress in
                guard !global.quiet else { return }
                if interactive {
                    FileHandle.standardError.write(Data(("\r\u{1B}[K" + progress.line).utf8))
                } else if ContinuousClock.now - lastLine >= .seconds(5) {
                    lastLine = .now
                    FileHandle.standardError.write(Data((progress.line + "\n").utf8))
                }
            },
            event: { logger.info("\($0)") })
        if interactive && !global.quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        print(json ? try JSONText.encode(summary, pretty: true) : summary.text)
        if url == nil && endpoint != .sagemaker && summary.stopReason == .endpointDown {
            logger.error("No server answers at \(resolvedURL): start the local one with `scripts/llm.sh start 8091`, or give --url.")
        }
        switch summary.stopReason {
        case .targetReached, .maxRequests: break
        case .noProgress, .endpointDown, .fatalError: throw ExitCode(2)
        }
    }

    /// Tokens never come from argv: the process list would show them.
    private func makeAuthentication() throws -> RequestAuthentication {
        if endpoint == .sagemaker {
            if tokenEnv != nil || tokenFile != nil {
                throw ValidationError("SageMaker requests are signed with AWS credentials; --token-env and --token-file do not apply.")
            }
            guard let region = region ?? regionFromURL() else {
                throw ValidationError("--endpoint sagemaker needs --region REGION.")
            }
            return .awsSigV4(AWSSigning(region: region, credentials: try AWSCredentials.load(profile: awsProfile)))
        }
        if let tokenEnv {
            guard let token = ProcessInfo.processInfo.environment[tokenEnv]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
                throw ValidationError("The environment variable \(tokenEnv) (--token-env) is not set or empty.")
            }
            return .bearer(token: token)
        }
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8),
                case let token = text.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty
            else { throw ValidationError("Cannot read a token from \(tokenFile) (--token-file).") }
            return .bearer(token: token)
        }
        return .none
    }

    private func regionFromURL() -> String? {
        guard let url, let host = URLComponents(string: url)?.host else { return nil }
        let parts = host.split(separator: ".")
        guard let index = parts.firstIndex(of: "sagemaker"), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }
}

extension EndpointKind: ExpressibleByArgument {}
