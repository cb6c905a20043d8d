import AdeaugTransport

/// One request of a run's deterministic plan: which examples, which seed, which bytes.
public struct PlannedRequest: Sendable {
    public var index: Int
    /// Identifies the request across runs: template, examples, parameters, seed, label, endpoint kind and model.
    public var key: String
    public var exampleIDs: [Int64]
    /// The example texts as sent (redacted when asked).
    public var exampleTexts: [String]
    public var seed: UInt64
    public var prompt: String
    /// The drug and effect the prompt asks about; nil for plain five-shot prompts.
    public var attributes: PromptAttributes?
    public var request: HTTPRequest
}
