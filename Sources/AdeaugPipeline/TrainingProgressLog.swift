import AdeaugBERT
import Foundation
import Logging

/// A line in the log every few seconds while a classifier trains inside `run` (caching sentence
/// states for the label filter alone takes minutes on two cores), instead of a long silence.
final class TrainingProgressLog: @unchecked Sendable {
    private let logger: Logger
    private let interval: Duration
    private let lock = NSLock()
    private var last = ContinuousClock.now

    init(logger: Logger, interval: Duration = .seconds(10)) {
        self.logger = logger
        self.interval = interval
    }

    func report(_ progress: TrainingProgress) {
        lock.lock()
        let due = ContinuousClock.now - last >= interval
        if due { last = .now }
        lock.unlock()
        guard due else { return }
        if progress.phase == "caching [CLS] states" {
            logger.info("train: caching sentence states \(progress.step)/\(progress.totalSteps)")
        } else {
            logger.info("train: epoch \(progress.epoch)/\(progress.epochs), step \(progress.step)/\(progress.totalSteps), loss \(String(format: "%.4f", progress.loss)), \(String(format: "%.0f", progress.samplesPerSecond)) samples/s")
        }
    }
}
