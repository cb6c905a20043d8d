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
    var endpoint: EndpointKind = GenerationSettings().endpoint

    @Option(help: "Endpoint URL (default: the local llama-server, or the SageMaker runtime URL).")
    var url: String?

    @Option(help: "Model name sent to OpenAI-compatible servers.")
    var model = GenerationSettings().model

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
    var target = GenerationSettings().target

    @Option(help: "At most this many HTTP attempts in this run, retries included.")
    var maxRequests: Int?

    @Option(help: "Tokens (prompt plus completion) every run may spend in this workspace; stops before a request that could pass it.")
    var budgetTokens: Int?

    @Option(help: "Money every run may spend in this workspace, at the two prices below.")
    var budgetMoney: Double?

    @Option(help: "The endpoint's price per thousand prompt tokens (for money per accepted sentence).")
    var pricePerThousandInputTokens: Double?

    @Option(help: "The endpoint's price per thousand completion tokens.")
    var pricePerThousandOutputTokens: Double?

    @Option(help: "Requests in flight at most.")
    var concurrency = GenerationSettings().concurrency

    @Option(help: "Seed of the request plan (examples and sampling seeds).")
    var seed: UInt64 = GenerationSettings().seed

    @Option(help: "Tokens to generate per request.")
    var maxNewTokens = GenerationSettings().maxNewTokens

    @Option(help: "Sampling temperature (> 0).")
    var temperature = GenerationSettings().temperature

    @Option(help: "Nucleus sampling (0 < p < 1).")
    var topP = GenerationSettings().topP

    @Option(help: "Top-k sampling (TGI and SageMaker).")
    var topK = GenerationSettings().topK

    @Option(help: "Repetition penalty (TGI and SageMaker).")
    var repetitionPenalty = GenerationSettings().repetitionPenalty

    @Option(help: "Stop sequence (repeatable, at most 4; default: the template's).")
    var stop: [String] = []

    @Option(help: "Seconds a request may take in all (a generation sends nothing until it is done).")
    var requestTimeout = GenerationSettings().requestTimeout

    @Option(help: "Attempts per request, the first included.")
    var maxAttempts = GenerationSettings().maxAttempts

    @Flag(help: "Remove e-mail addresses, phone numbers, dates and record numbers from examples before sending.")
    var redact = false

    @Flag(help: "Keep each prompt's text in the audit trail (`adeaug audit`); by default only its SHA-256 is kept.")
    var auditPrompts = false

    @Flag(help: "Allow plain http:// to hosts other than this machine.")
    var allowInsecureHTTP = false

    @Flag(help: "Skip TGI's /health and /info check.")
    var noPreflight = false

    @Option(help: "What each prompt asks about: \(ConditioningMode.choices.joined(separator: "|")) (drug and effect from the training split's annotations).")
    var conditioning: ConditioningMode = .plain

    @Option(help: "With --conditioning mixed: share of prompts with a recombined drug–effect pair (0 to 1).")
    var recombinedShare = 0.5

    @Option(help: "Completions per request (n; best_of for TGI); llama.cpp's server allows up to its slot count.")
    var completionsPerPrompt = 1

    @Flag(inversion: .prefixedNo, help: "Send cache_prompt to llama.cpp's server (default: on for the local server only).")
    var cachePrompt: Bool?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    /// The flags as the generation stage's settings (the values adeaug.yaml's generation section holds).
    func settings() -> GenerationSettings {
        var settings = GenerationSettings()
        settings.endpoint = endpoint
        settings.url = url
        settings.model = model
        settings.sagemakerEndpoint = sagemakerEndpoint
        settings.region = region
        settings.awsProfile = awsProfile
        settings.tokenEnv = tokenEnv
        settings.tokenFile = tokenFile
        settings.template = template
        settings.negative = negative
        settings.target = target
        settings.maxRequests = maxRequests
        settings.budgetTokens = budgetTokens
        settings.budgetMoney = budgetMoney
        settings.pricePerThousandInputTokens = pricePerThousandInputTokens
        settings.pricePerThousandOutputTokens = pricePerThousandOutputTokens
        settings.concurrency = concurrency
        settings.seed = seed
        settings.maxNewTokens = maxNewTokens
        settings.temperature = temperature
        settings.topP = topP
        settings.topK = topK
        settings.repetitionPenalty = repetitionPenalty
        settings.stop = stop
        settings.requestTimeout = requestTimeout
        settings.maxAttempts = maxAttempts
        settings.redact = redact
        settings.auditPrompts = auditPrompts
        settings.allowInsecureHTTP = allowInsecureHTTP
        settings.preflight = !noPreflight
        settings.conditioning = conditioning
        settings.recombinedShare = recombinedShare
        settings.completionsPerPrompt = completionsPerPrompt
        settings.cachePrompt = cachePrompt
        return settings
    }

    func run() throws {
        let logger = global.makeLogger()
        let settings = settings()
        var options: GenerationOptions
        do {
            options = try settings.makeOptions(fallbackURL: GenerationSettings.localServerURL)
        } catch let error as InvalidSetting {
            throw ValidationError(error.description)
        }
        let resolvedURL = options.endpoint.url

        let workspace = try Workspace(location: try global.workspaceLocation(), create: false)
        // Drug annotations (DRUG-AE.rel) let each prompt show five different drugs.
        options.drugsByExample = try CorpusVocabulary.drugsByExample(in: workspace)
        options.drugEffectPairs = try CorpusVocabulary.trainingPairs(in: workspace)
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
        case .targetReached, .maxRequests, .budgetSpent: break
        case .noProgress, .endpointDown, .fatalError: throw ExitCode(2)
        }
    }
}

extension EndpointKind: ExpressibleByArgument {}
extension ConditioningMode: ExpressibleByArgument {}
