import AdeaugCore

/// `adeaug serve`'s settings, their one home: the `serve:` section of adeaug.yaml decodes into this
/// value and `adeaug serve`'s flags override its fields.
public struct ServeSettings: Sendable, Codable, Equatable {
    /// Address to listen on; 0.0.0.0 so a container's port mapping reaches it.
    public var host = "0.0.0.0"
    /// Port to listen on; `SAGEMAKER_BIND_TO_PORT` wins over it (see `applyingEnvironment`).
    public var port = 8080
    /// The fine-tuned Hugging Face folder; SageMaker unpacks model.tar.gz here.
    public var model = "/opt/ml/model"
    /// Tokens per sentence, [CLS] and [SEP] included (as `predict --max-length`).
    public var maxLength = 128
    /// Most sentences in one forward pass; requests arriving together share it.
    public var maxBatchSentences = 64
    /// Most padded tokens in one forward pass (sentences × the longest one's tokens): long
    /// sentences share a pass with fewer others, so one pass's latency and buffers stay bounded.
    public var maxBatchTokens = 4096
    /// How long the first waiting request waits for others to join its forward pass.
    public var batchWaitMilliseconds = 5
    /// Requests waiting for a forward pass beyond which new ones get 429.
    public var maxQueuedRequests = 256
    /// Largest request body: SageMaker's own limit for real-time endpoints is 6 MB.
    public var maxBodyBytes = 6 * 1024 * 1024

    public init() {}

    public func validate() throws(InvalidSetting) {
        guard (0...65535).contains(port) else { throw InvalidSetting("port", "must be between 0 and 65535") }
        guard maxLength >= 3 else { throw InvalidSetting("maxLength", "must be at least 3") }
        guard maxBatchSentences >= 1 else { throw InvalidSetting("maxBatchSentences", "must be at least 1") }
        guard maxBatchTokens >= 1 else { throw InvalidSetting("maxBatchTokens", "must be at least 1") }
        guard batchWaitMilliseconds >= 0 else { throw InvalidSetting("batchWaitMilliseconds", "must be at least 0") }
        guard maxQueuedRequests >= 1 else { throw InvalidSetting("maxQueuedRequests", "must be at least 1") }
        guard maxBodyBytes >= 1 else { throw InvalidSetting("maxBodyBytes", "must be at least 1") }
    }

    /// These settings with SageMaker's `SAGEMAKER_BIND_TO_PORT`, when set, as the port: the
    /// platform chooses the port and the container must listen there.
    public func applyingEnvironment(_ environment: [String: String]) throws(InvalidSetting) -> ServeSettings {
        guard let raw = environment["SAGEMAKER_BIND_TO_PORT"], !raw.isEmpty else { return self }
        guard let port = Int(raw), (0...65535).contains(port) else {
            throw InvalidSetting("port", "from SAGEMAKER_BIND_TO_PORT must be a port number", flag: "SAGEMAKER_BIND_TO_PORT")
        }
        var settings = self
        settings.port = port
        return settings
    }
}
