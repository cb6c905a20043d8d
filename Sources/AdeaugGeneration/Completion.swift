/// What an endpoint generated for one request.
public struct Completion: Sendable, Hashable, Codable {
    public var text: String
    /// `length` (cut by the token limit), `stop`, `stop_sequence`, `eos_token`, … when reported.
    public var finishReason: String?
    public var generatedTokens: Int?
    /// Prompt tokens when the endpoint reports them (OpenAI-compatible `usage.prompt_tokens`,
    /// TGI's `details.prefill` when it sends one).
    public var promptTokens: Int?

    public init(text: String, finishReason: String? = nil, generatedTokens: Int? = nil, promptTokens: Int? = nil) {
        self.text = text
        self.finishReason = finishReason
        self.generatedTokens = generatedTokens
        self.promptTokens = promptTokens
    }

    /// Whether the token limit cut the text.
    public var wasTruncated: Bool { finishReason == "length" }
}
