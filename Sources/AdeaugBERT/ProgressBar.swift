import Foundation

/// A one-line progress display on stderr: redrawn in place on a terminal (at most five times a
/// second), a plain line every ten seconds otherwise, so logs stay readable.
public struct ProgressBar {
    private let interactive: Bool
    private var lastDraw = Date.distantPast
    private let minimumInterval: TimeInterval

    public init() {
        interactive = isatty(STDERR_FILENO) != 0
        minimumInterval = interactive ? 0.2 : 10
    }

    public mutating func update(_ progress: TrainingProgress) {
        if let validation = progress.validation {
            let m = validation.metrics
            finishLine()
            Self.write(String(format: "validation at step %d: F1 %.4f  precision %.4f  recall %.4f  accuracy %.4f\n", validation.step, m.f1, m.precision, m.recall, m.accuracy))
            return
        }
        let now = Date()
        let last = progress.step == progress.totalSteps
        guard last || now.timeIntervalSince(lastDraw) >= minimumInterval else { return }
        lastDraw = now
        let width = 24
        let fraction = progress.totalSteps > 0 ? Double(progress.step) / Double(progress.totalSteps) : 0
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        let line: String
        if progress.phase == "training" {
            line = String(format: "epoch %d/%d [%@] %d/%d  loss %.4f  %.1f samples/s  ETA %@", progress.epoch, progress.epochs, bar, progress.step, progress.totalSteps, progress.loss, progress.samplesPerSecond, Self.duration(progress.etaSeconds))
        } else {
            line = String(format: "%@ [%@] %d/%d", progress.phase, bar, progress.step, progress.totalSteps)
        }
        Self.write(interactive ? "\r\u{1B}[K" + line : line + "\n")
    }

    public func finishLine() {
        if interactive { Self.write("\n") }
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds)
        return s >= 3600 ? String(format: "%dh%02dm", s / 3600, (s / 60) % 60) : String(format: "%dm%02ds", s / 60, s % 60)
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
