import AdeaugCore
import Dispatch
import Hummingbird
import Logging
import ServiceLifecycle

/// `adeaug serve`: the fine-tuned classifier behind a SageMaker-compatible HTTP endpoint.
/// The server listens at once (/ping answers 503) while the model loads beside it; SIGTERM or
/// SIGINT stops accepting, lets requests in flight finish, then returns; within 30 s (the
/// grace SageMaker and `docker stop` give), as what still runs after 25 s is cancelled.
public enum ClassifierServer {
    public static func run(_ settings: ServeSettings, files: OutputFiles, logger: Logger) async throws {
        try settings.validate()
        let metrics = ServeMetrics()
        let batcher = InferenceBatcher(settings: settings, metrics: metrics, logger: logger)
        let router = ServeRouter.make(batcher: batcher, metrics: metrics, maxBodyBytes: settings.maxBodyBytes)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                logger.info("listening on \(channel.localAddress?.description ?? "\(settings.host):\(settings.port)")")
            },
            logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await ServiceGroup(configuration: shutdownConfiguration(app, logger: logger)).run() }
            group.addTask {
                let classifier = try await load(settings, files: files, logger: logger)
                await batcher.install(classifier)
                logger.info("model loaded from \(settings.model): ready")
            }
            // A model that fails to load ends the server with that error.
            for try await _ in group {}
        }
    }

    static func shutdownConfiguration(_ app: some Service, logger: Logger) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(25)
        configuration.maximumCancellationDuration = .seconds(3)
        return configuration
    }

    /// Loads the model on its own thread: loading blocks for seconds.
    static func load(_ settings: ServeSettings, files: OutputFiles, logger: Logger) async throws -> BertTextClassifier {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let (classifier, notice) = try BertTextClassifier.load(
                        directory: settings.model, maxLength: settings.maxLength, batchSize: settings.maxBatchSentences,
                        maxBatchTokens: settings.maxBatchTokens, files: files)
                    // A folder missing its classifier predicts with a random head: say so.
                    if let notice { logger.warning("\(notice)") }
                    return classifier
                })
            }
        }
    }
}
