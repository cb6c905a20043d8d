import AdeaugCore
import AdeaugPipeline
import AdeaugServe
import ArgumentParser
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a fine-tuned BERT folder over HTTP as a SageMaker inference container does (/ping, /invocations, /metrics).",
        discussion: """
            Routes:
              GET /ping: 200 once the model is loaded, 503 before.
              POST /invocations: Content-Type application/json ({"inputs": "text"} or {"inputs": ["t1", "t2"]}, \
            optional "parameters": {"top_k": 2, "threshold": 0.7}), application/jsonlines (one object per line with \
            "inputs" or "text"; one answer line per input line) or text/csv (one sentence per row). Answers as the \
            Hugging Face inference toolkit does: [{"label": "Adverse_Event", "score": 0.97}] for one input (all labels \
            best first with top_k), one list per input for a batch; Accept (application/json by default, \
            application/jsonlines, text/csv) chooses the answer's format.
              GET /metrics: Prometheus text: requests by route and status, latency, sentences and requests per \
            forward pass, queue depth.

            Errors: 413 over --max-body-bytes, 415 another Content-Type, 429 (with Retry-After) past \
            --max-queued-requests waiting, 400 for invalid JSON or UTF-8, a missing field or an empty input (naming the \
            line for JSON Lines and CSV). Request text is never logged nor echoed.

            Concurrent requests share forward passes: the first waits --batch-wait-milliseconds for others, up to \
            --max-batch-sentences sentences and --max-batch-tokens padded tokens; scores are those `adeaug predict` gives. SAGEMAKER_BIND_TO_PORT, when set, \
            wins over --port. With --config, the `serve:` section of that adeaug.yaml gives every setting a flag \
            leaves out (`adeaug init` writes one listing them). SIGTERM stops accepting, finishes the requests in flight, then exits. A folder written \
            from an encrypted workspace opens with the key options (--key-file, $ADEAUG_KEY_FILE, --workspace).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "adeaug.yaml whose `serve:` section gives the settings the flags below leave out.")
    var config: String?

    @Option(help: "Fine-tuned Hugging Face folder (default: \(ServeSettings().model)).")
    var model: String?

    @Option(help: "Address to listen on (default: \(ServeSettings().host)).")
    var host: String?

    @Option(help: "Port to listen on (default: \(ServeSettings().port); $SAGEMAKER_BIND_TO_PORT wins when set).")
    var port: Int?

    @Option(help: "Tokens per sentence, [CLS] and [SEP] included (default: \(ServeSettings().maxLength)).")
    var maxLength: Int?

    @Option(help: "Most sentences in one forward pass (default: \(ServeSettings().maxBatchSentences)).")
    var maxBatchSentences: Int?

    @Option(help: "Most padded tokens (sentences x the longest one's tokens) in one forward pass (default: \(ServeSettings().maxBatchTokens)).")
    var maxBatchTokens: Int?

    @Option(help: "How long a request waits for others to share its forward pass, in ms (default: \(ServeSettings().batchWaitMilliseconds)).")
    var batchWaitMilliseconds: Int?

    @Option(help: "Requests waiting for a forward pass beyond which new ones get 429 (default: \(ServeSettings().maxQueuedRequests)).")
    var maxQueuedRequests: Int?

    @Option(help: "Largest request body in bytes, 413 beyond (default: \(ServeSettings().maxBodyBytes)).")
    var maxBodyBytes: Int?

    /// The config's `serve:` section (or the library's defaults) with every flag given laid over
    /// it, then SageMaker's port.
    func settings() throws -> ServeSettings {
        var settings = try config.map { try PipelineConfig.load(path: $0).serve } ?? ServeSettings()
        if let model { settings.model = model }
        if let host { settings.host = host }
        if let port { settings.port = port }
        if let maxLength { settings.maxLength = maxLength }
        if let maxBatchSentences { settings.maxBatchSentences = maxBatchSentences }
        if let maxBatchTokens { settings.maxBatchTokens = maxBatchTokens }
        if let batchWaitMilliseconds { settings.batchWaitMilliseconds = batchWaitMilliseconds }
        if let maxQueuedRequests { settings.maxQueuedRequests = maxQueuedRequests }
        if let maxBodyBytes { settings.maxBodyBytes = maxBodyBytes }
        do {
            settings = try settings.applyingEnvironment(ProcessInfo.processInfo.environment)
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return settings
    }

    func run() async throws {
        var settings = try settings()
        settings.model = try global.modelFolder(settings.model)
        try await ClassifierServer.run(settings, files: try global.outputFiles(), logger: global.makeLogger())
    }
}
