import AdeaugCore
import Foundation

/// Everything a user sets about generation: the one home of these settings. `adeaug generate`'s
/// flags and adeaug.yaml's `generation:` section both map onto this value, and
/// `makeOptions` turns it into a ready run (endpoint URL, authentication, template).
public struct GenerationSettings: Sendable, Codable, Equatable {
    public var endpoint = EndpointKind.openai
    /// Nil: the SageMaker runtime URL for `sagemaker`, else the local llama.cpp server.
    public var url: String?
    /// Sent as `model` to OpenAI-compatible servers.
    public var model = "default"
    /// SageMaker endpoint name (with `region`, gives the URL when `url` is not set).
    public var sagemakerEndpoint: String?
    /// AWS region of the SageMaker endpoint (default: read from a SageMaker URL).
    public var region: String?
    /// Profile of ~/.aws/credentials (default: the AWS environment variables, then AWS_PROFILE or default).
    public var awsProfile: String?
    /// Environment variable holding a bearer token (default: ADEAUG_TOKEN when set). Tokens
    /// never come from argv or the config file: the process list and the file would show them.
    public var tokenEnv: String?
    /// File holding a bearer token.
    public var tokenFile: String?
    /// falcon-instruct, chat, prompts/NAME.mustache by name, or a path (default: chat for
    /// openai-chat, else falcon-instruct).
    public var template: String?
    /// Generate Not_AE sentences from training negatives instead of adverse events.
    public var negative = false
    /// Candidates of the class, in this workspace, that passed every filter and screen.
    public var target = 100
    /// At most this many HTTP attempts in this run, retries included: the spending cap.
    public var maxRequests: Int?
    /// Tokens (prompt plus completion) every run of this class may spend in the workspace;
    /// generation stops before a request that could take the spend past it.
    public var budgetTokens: Int?
    /// Money every run of this class may spend, at the prices below (both needed).
    public var budgetMoney: Double?
    /// What the endpoint charges per thousand prompt tokens; never guessed (nil: no money figures).
    public var pricePerThousandInputTokens: Double?
    /// What the endpoint charges per thousand completion tokens.
    public var pricePerThousandOutputTokens: Double?
    /// Two in flight suit the local llama.cpp server on two cores and stay polite to a paid endpoint.
    public var concurrency = 2
    /// Seed of the request plan (examples and sampling seeds).
    public var seed: UInt64 = 42
    public var maxNewTokens = 64
    public var temperature = 0.8
    public var topP = 0.9
    public var topK = 50
    public var repetitionPenalty = 1.03
    /// At most 4 (default: the template's).
    public var stop: [String] = []
    /// Seconds a request may take in all (a generation sends nothing until it is done).
    public var requestTimeout = 180.0
    /// Attempts per request, the first included.
    public var maxAttempts = 5
    /// Remove e-mail addresses, phone numbers, dates and record numbers from examples before sending.
    public var redact = false
    /// Keep each prompt's text in the audit trail (default: only its SHA-256).
    public var auditPrompts = false
    /// Allow plain http:// to hosts other than this machine.
    public var allowInsecureHTTP = false
    /// Check TGI's /health and /info before the run.
    public var preflight = true
    /// What each prompt asks about besides its five examples: plain, or a drug and an effect from
    /// the training split's annotations, seen together, recombined, or mixed.
    public var conditioning = ConditioningMode.plain
    /// In `mixed` conditioning, the share of prompts with a recombined pair (the rest seen).
    public var recombinedShare = 0.5
    /// Completions per request (`n`, or `best_of` for TGI), so the prompt is paid once for several
    /// sentences. llama.cpp's server allows at most its slot count (2 for scripts/llm.sh).
    public var completionsPerPrompt = 1
    /// Send `cache_prompt` (llama.cpp's server reuses the evaluated prompt prefix). Nil: on for
    /// the local llama.cpp server (no `url`), off elsewhere.
    public var cachePrompt: Bool?

    public init() {}

    /// The local llama.cpp server of `scripts/llm.sh start`.
    public static let localServerPort = 8091
    public static var localServerURL: String { "http://127.0.0.1:\(localServerPort)" }

    /// The endpoint URL these settings send to: `url`, else the SageMaker runtime URL, else nil.
    public func resolvedURL() throws(InvalidSetting) -> String? {
        if let url { return url }
        guard endpoint == .sagemaker else { return nil }
        guard let sagemakerEndpoint else {
            throw InvalidSetting("sagemakerEndpoint", "is needed with the sagemaker endpoint (or give url)")
        }
        guard let region else { throw InvalidSetting("region", "is needed with the sagemaker endpoint (or give url)") }
        return Endpoint.sageMakerURL(endpointName: sagemakerEndpoint, region: region)
    }

    /// A ready run: URL (`fallbackURL` when none is set), authentication, template, parameters.
    public func makeOptions(
        fallbackURL: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        templateDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> GenerationOptions {
        try validate()
        guard let url = try resolvedURL() ?? fallbackURL else {
            throw InvalidSetting("url", "is not set (give the endpoint's URL)")
        }
        let promptTemplate = try PromptTemplate.resolve(template ?? (endpoint == .openaiChat ? PromptTemplate.chatName : PromptTemplate.falconInstructName), searchDirectory: templateDirectory)
        var options = GenerationOptions(
            endpoint: Endpoint(
                kind: endpoint, url: url, model: model, authentication: try authentication(url: url, environment: environment),
                timeouts: HTTPTimeouts(totalMilliseconds: Int(requestTimeout * 1000))),
            template: promptTemplate)
        options.label = negative ? .notAdverseEvent : .adverseEvent
        options.target = target
        options.maxRequests = maxRequests
        options.prices = prices
        if let budgetTokens { options.budget = .tokens(budgetTokens) }
        if let budgetMoney, let prices { options.budget = .money(budgetMoney, prices) }
        options.concurrency = concurrency
        options.seed = seed
        options.parameters.maxNewTokens = maxNewTokens
        options.parameters.temperature = temperature
        options.parameters.topP = topP
        options.parameters.topK = topK
        options.parameters.repetitionPenalty = repetitionPenalty
        // A typed "\n" in a flag or a quoted YAML scalar means a newline.
        options.parameters.stop = stop.isEmpty ? promptTemplate.defaultStops : stop.map { $0.replacingOccurrences(of: "\\n", with: "\n") }
        options.retry.maximumAttempts = maxAttempts
        options.redact = redact
        options.auditPrompts = auditPrompts
        options.allowInsecureHTTP = allowInsecureHTTP
        options.preflight = preflight && endpoint == .tgi
        options.conditioning = conditioning
        options.recombinedShare = recombinedShare
        options.completionsPerPrompt = completionsPerPrompt
        let isLocalServer = (try resolvedURL()) == nil && (endpoint == .openai || endpoint == .openaiChat)
        options.endpoint.cachePrompt = (endpoint == .openai || endpoint == .openaiChat) && (cachePrompt ?? isLocalServer)
        return options
    }

    /// Both prices, when given.
    public var prices: TokenPrices? {
        guard let input = pricePerThousandInputTokens, let output = pricePerThousandOutputTokens else { return nil }
        return TokenPrices(inputPerThousand: input, outputPerThousand: output)
    }

    /// SigV4 for SageMaker (AWS environment variables or profile), else a bearer token from
    /// `tokenEnv`, `tokenFile` or ADEAUG_TOKEN, else none.
    func authentication(url: String, environment: [String: String]) throws -> RequestAuthentication {
        if endpoint == .sagemaker {
            if tokenEnv != nil || tokenFile != nil {
                throw InvalidSetting("tokenEnv", "does not apply to sagemaker: requests are signed with AWS credentials")
            }
            guard let region = region ?? Self.sageMakerRegion(in: url) else {
                throw InvalidSetting("region", "is needed with the sagemaker endpoint")
            }
            return .awsSigV4(AWSSigning(region: region, credentials: try AWSCredentials.load(profile: awsProfile, environment: environment)))
        }
        if let tokenEnv {
            guard let token = environment[tokenEnv]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
                throw InvalidSetting("tokenEnv", "names \(tokenEnv), which is not set or empty")
            }
            return .bearer(token: token)
        }
        if let tokenFile {
            guard let text = try? String(contentsOfFile: NSString(string: tokenFile).expandingTildeInPath, encoding: .utf8),
                case let token = text.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty
            else { throw InvalidSetting("tokenFile", "names \(tokenFile), from which no token can be read") }
            return .bearer(token: token)
        }
        if let token = environment["ADEAUG_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return .bearer(token: token)
        }
        return .none
    }

    /// `runtime.sagemaker.REGION.amazonaws.com` → REGION.
    static func sageMakerRegion(in url: String) -> String? {
        guard let host = URLComponents(string: url)?.host else { return nil }
        let parts = host.split(separator: ".")
        guard let index = parts.firstIndex(of: "sagemaker"), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }

    public func validate() throws(InvalidSetting) {
        guard target >= 1 else { throw InvalidSetting("target", "must be at least 1") }
        guard (1...1024).contains(concurrency) else { throw InvalidSetting("concurrency", "must be between 1 and 1024") }
        if let maxRequests, maxRequests < 1 { throw InvalidSetting("maxRequests", "must be at least 1") }
        try validateBudget()
        guard maxAttempts >= 1 else { throw InvalidSetting("maxAttempts", "must be at least 1") }
        guard requestTimeout > 0 else { throw InvalidSetting("requestTimeout", "must be above 0 seconds") }
        guard maxNewTokens > 0 else { throw InvalidSetting("maxNewTokens", "must be at least 1") }
        guard temperature > 0 else { throw InvalidSetting("temperature", "must be above 0 (sampling is always on)") }
        guard topP > 0 && topP < 1 else { throw InvalidSetting("topP", "must be between 0 and 1, exclusive (TGI rejects 1.0)") }
        guard topK > 0 else { throw InvalidSetting("topK", "must be at least 1") }
        guard stop.count <= 4 else { throw InvalidSetting("stop", "takes at most 4 sequences (TGI's limit), got \(stop.count)") }
        guard (0...1).contains(recombinedShare) else { throw InvalidSetting("recombinedShare", "must be between 0 and 1") }
        guard (1...16).contains(completionsPerPrompt) else { throw InvalidSetting("completionsPerPrompt", "must be between 1 and 16") }
    }
}
