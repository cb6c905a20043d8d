/// What an endpoint generated for one request.
public struct Completion: Sendable, Hashable, Codable {
    public var text: String
    /// `length` (cut by the token limit), `stop`, `stop_sequence`, `eos_token`, … when reported.
    public var finishReason: String?
    public var generatedTokens: Int?

    public init(text: String, finishReason: String? = nil, generatedTokens: Int? = nil) {
        self.text = text
        self.finishReason = finishReason
        self.generatedTokens = generatedTokens
    }

    /// Whether the token limit cut the text.
    public var wasTruncated: Bool { finishReason == "length" }
}
