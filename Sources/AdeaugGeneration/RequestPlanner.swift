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
    private let keyPrefix: String

    public init(
        sampler: FewShotSampler, template: PromptTemplate, endpoint: Endpoint,
        parameters: GenerationParameters, seed: UInt64, redactor: Redactor?
    ) {
        self.sampler = sampler
        self.template = template
        self.endpoint = endpoint
        self.parameters = parameters
        self.seed = seed
        self.redactor = redactor
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
        let prompt = template.render(examples: texts, label: sampler.label)
        let ids = examples.map(\.id)
        let key = keyPrefix + "|examples=\(ids.map(String.init).joined(separator: ","))|seed=\(requestSeed)"
        return PlannedRequest(
            index: index, key: key, exampleIDs: ids, exampleTexts: texts, seed: requestSeed, prompt: prompt,
            request: endpoint.request(prompt: prompt, parameters: parameters, seed: requestSeed))
    }
}
