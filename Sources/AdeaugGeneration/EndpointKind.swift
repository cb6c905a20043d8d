import AdeaugCore

/// The wire protocols generation speaks.
public enum EndpointKind: String, SettingsChoice {
    /// Hugging Face text-generation-inference: `POST /generate` (or the compat route `/`).
    case tgi
    /// OpenAI-compatible `/v1/completions` (vLLM, TGI ≥ 1.4.5, llama.cpp's server).
    case openai
    /// OpenAI-compatible `/v1/chat/completions`.
    case openaiChat = "openai-chat"
    /// Amazon SageMaker `InvokeEndpoint` in front of the Hugging Face TGI container.
    case sagemaker

    /// Whether the prompt goes out as one chat message rather than plain text.
    public var isChat: Bool { self == .openaiChat }
}
