import AdeaugCore
import AdeaugTransport

/// Everything one `adeaug generate` run needs to know.
public struct GenerationOptions: Sendable {
    public var endpoint: Endpoint
    public var template: PromptTemplate
    /// Which class to generate (`Not_AE` for the optional negative-class mode).
    public var label: Label = .adverseEvent
    public var parameters = GenerationParameters()
    /// Candidates (of `label`, in this workspace) that must have passed every filter and screen.
    public var target = 100
    /// At most this many HTTP attempts in this run (retries included): the spend cap.
    public var maxRequests: Int?
    /// Tokens or money every run of this class may spend in this workspace (nil: no budget).
    public var budget: GenerationBudget?
    /// Prices per thousand tokens, for the money per accepted sentence (nil: not given).
    public var prices: TokenPrices?
    public var concurrency = 4
    public var seed: UInt64 = 42
    /// Removes e-mail addresses, phone numbers, dates and record numbers from examples before sending.
    public var redact = false
    /// Keep each prompt's text in the audit trail, not only its SHA-256 (off: prompts carry
    /// training sentences, which may be sensitive).
    public var auditPrompts = false
    public var retry = RetryPolicy()
    public var allowInsecureHTTP = false
    /// Consecutive failed attempts (timeouts, connection errors, 5xx) that mean the endpoint is down.
    public var endpointDownAfter = 12
    /// Answered requests in a row that yield no new candidate before the run gives up.
    public var noProgressAfter = 40
    /// Check TGI's `/health` and `/info` before the run.
    public var preflight = true
    public var filter = CandidateFilter()
    /// Annotated drug names of training examples by id (the corpus stage's `CorpusVocabulary`),
    /// so that the five examples of a prompt name different drugs; empty when unknown.
    public var drugsByExample: [Int64: Set<String>] = [:]
    /// What each prompt is about besides its five examples (plain: nothing).
    public var conditioning = ConditioningMode.plain
    /// Share of recombined pairs in `mixed` conditioning.
    public var recombinedShare = 0.5
    /// The training split's annotated drug–effect pairs (the corpus stage's `CorpusVocabulary`);
    /// conditioned prompts draw from them. Never test annotations.
    public var drugEffectPairs: [DrugEffectPair] = []
    /// Completions asked per request (`n` / `best_of`): the five-shot prompt is paid once for them.
    public var completionsPerPrompt = 1

    public init(endpoint: Endpoint, template: PromptTemplate) {
        self.endpoint = endpoint
        self.template = template
    }

    public func validate() throws(GenerationError) {
        try parameters.validate()
        guard target >= 1 else { throw .invalidOption("--target must be at least 1.") }
        guard concurrency >= 1 && concurrency <= 1024 else { throw .invalidOption("--concurrency must be between 1 and 1024.") }
        if let maxRequests, maxRequests < 1 { throw .invalidOption("--max-requests must be at least 1.") }
        if let budget, !(budget.limit > 0) { throw .invalidOption("the budget must be above 0.") }
        guard (1...16).contains(completionsPerPrompt) else { throw .invalidOption("--completions-per-prompt must be between 1 and 16.") }
        guard (0...1).contains(recombinedShare) else { throw .invalidOption("--recombined-share must be between 0 and 1.") }
        guard retry.maximumAttempts >= 1 else { throw .invalidOption("--max-attempts must be at least 1.") }
        do {
            try URLPolicy(allowInsecureHTTP: allowInsecureHTTP).check(endpoint.url)
        } catch {
            throw GenerationError(error)
        }
    }

    /// What the run stores about its settings: no credentials, only which kind was used.
    struct RecordedSettings: Encodable {
        var endpoint: String
        var url: String
        var model: String
        var authentication: String
        var template: String
        var label: String
        var parameters: GenerationParameters
        var target: Int
        var maxRequests: Int?
        var budget: String?
        var prices: TokenPrices?
        var concurrency: Int
        var seed: UInt64
        var redact: Bool
        var retry: RetryPolicy
        var timeouts: HTTPTimeouts
        var conditioning: String
        var recombinedShare: Double?
        var completionsPerPrompt: Int
        var cachePrompt: Bool
    }

    var recordedSettings: RecordedSettings {
        RecordedSettings(
            endpoint: endpoint.kind.rawValue, url: endpoint.url, model: endpoint.model,
            authentication: endpoint.authentication.description, template: template.identity, label: label.name,
            parameters: parameters, target: target, maxRequests: maxRequests,
            budget: budget.map { $0.describe($0.limit) }, prices: prices, concurrency: concurrency, seed: seed,
            redact: redact, retry: retry, timeouts: endpoint.timeouts, conditioning: conditioning.rawValue,
            recombinedShare: conditioning == .mixed ? recombinedShare : nil, completionsPerPrompt: completionsPerPrompt,
            cachePrompt: endpoint.cachePrompt)
    }
}
