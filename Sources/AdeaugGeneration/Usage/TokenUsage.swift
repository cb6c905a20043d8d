/// Tokens one answered request cost: what the prompt and the completion counted, and whether
/// the endpoint said so or adeaug approximated it from the text.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    /// Whether each count came from the endpoint's usage fields (OpenAI-compatible `usage`,
    /// TGI `details`) or from `TokenApproximation`.
    public var promptReported: Bool
    public var completionReported: Bool

    public init(promptTokens: Int, completionTokens: Int, promptReported: Bool, completionReported: Bool) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.promptReported = promptReported
        self.completionReported = completionReported
    }

    public var totalTokens: Int { promptTokens + completionTokens }

    /// The usage of one answer: the endpoint's counts where it gave them, else the approximation.
    init(completion: Completion, prompt: String) {
        self.init(
            promptTokens: completion.promptTokens ?? TokenApproximation.tokens(in: prompt),
            completionTokens: completion.generatedTokens ?? TokenApproximation.tokens(in: completion.text),
            promptReported: completion.promptTokens != nil, completionReported: completion.generatedTokens != nil)
    }
}

/// Token counts for endpoints that report none (TGI reports no prompt tokens unless asked for
/// `decoder_input_details`; some OpenAI-compatible servers omit `usage`).
///
/// Hand-written because the right tokenizer is the served model's, which adeaug does not have:
/// one token per 4 characters, rounded up, is the rule of thumb OpenAI documents for English
/// text. It is an estimate; the report says which counts are approximated.
public enum TokenApproximation {
    public static let charactersPerToken = 4

    public static func tokens(in text: String) -> Int {
        (text.count + charactersPerToken - 1) / charactersPerToken
    }
}
