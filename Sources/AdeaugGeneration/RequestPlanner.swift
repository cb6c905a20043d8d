import AdeaugCore

/// Turns a run's seed into an endless, reproducible sequence of requests.
///
/// Request `i` depends only on the run's settings and `i`, so a resumed run walks the same
/// sequence, recognises by key the requests already answered, and skips them.
public struct RequestPlanner: Sendable {
    public var sampler: FewShotSampler
    public var template: PromptTemplate
    public var endpoint: Endpoint
    public var parameters: GenerationParameters
    public var seed: UInt64
    public var redactor: Redactor?
    /// Draws each prompt's drug and effect; nil for plain five-shot prompts.
    public var attributes: AttributeSampler?
    /// Completions asked per request (`n`); part of the key, as it changes what is paid for.
    public var completionsPerPrompt: Int
    private let keyPrefix: String

    public init(
        sampler: FewShotSampler, template: PromptTemplate, endpoint: Endpoint,
        parameters: GenerationParameters, seed: UInt64, redactor: Redactor?,
        attributes: AttributeSampler? = nil, completionsPerPrompt: Int = 1
    ) {
        self.sampler = sampler
        self.template = template
        self.endpoint = endpoint
        self.parameters = parameters
        self.seed = seed
        self.redactor = redactor
        self.attributes = attributes
        self.completionsPerPrompt = completionsPerPrompt
        let parameterText = (try? JSONText.encode(parameters)) ?? "\(parameters)"
        keyPrefix = "v1|\(endpoint.kind.rawValue)|\(endpoint.model)|\(template.identity)|label=\(sampler.label.rawValue)|redact=\(redactor != nil)|\(parameterText)"
    }

    public func plan(index: Int) -> PlannedRequest {
        var generator = SeededGenerator(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        let exampleSeed = generator.next()
        // Below 2^31: OpenAI-compatible servers differ in the seed types they accept.
        let requestSeed = generator.next() & 0x7FFF_FFFF
        let examples = sampler.sample(seed: exampleSeed)
        let texts = examples.map { redactor?.redact($0.text) ?? $0.text }
        // Drawn after the two values above, so plain plans (and their keys) stay as they were.
        let drawn = attributes?.draw(seed: generator.next(), label: sampler.label)
        let prompt = template.render(examples: texts, label: sampler.label, attributes: drawn)
        let ids = examples.map(\.id)
        var key = keyPrefix + "|examples=\(ids.map(String.init).joined(separator: ","))|seed=\(requestSeed)"
        if let drawn { key += "|" + drawn.keyText }
        if completionsPerPrompt > 1 { key += "|n=\(completionsPerPrompt)" }
        return PlannedRequest(
            index: index, key: key, exampleIDs: ids, exampleTexts: texts, seed: requestSeed, prompt: prompt,
            attributes: drawn,
            request: endpoint.request(prompt: prompt, parameters: parameters, seed: requestSeed, completions: completionsPerPrompt))
    }
}
