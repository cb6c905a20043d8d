import Foundation

/// The goals for `adeaug serve` against the Python stack, from one run's figures: at
/// least 3x its sentences/s at concurrency 64, lower p99 at every level, under a third of its
/// peak memory, no errors over 60 s or more at concurrency 64.
public struct ServeGoal: Codable, Sendable, Equatable {
    public var goal: String
    /// What was measured, e.g. "3.4x" or "p99 212 ms vs 840 ms".
    public var measured: String
    /// nil: this run cannot tell (no level long enough, no memory figure).
    public var met: Bool?

    public static func evaluate(adeaug: ServeBenchmark.ServerReport, python: ServeBenchmark.ServerReport?) -> [ServeGoal] {
        var goals: [ServeGoal] = []
        if let python {
            for level in adeaug.levels where level.concurrency == 64 {
                guard let other = python.levels.first(where: { $0.batch_size == level.batch_size && $0.concurrency == 64 }) else { continue }
                let ratio = other.sentences_per_second > 0 ? level.sentences_per_second / other.sentences_per_second : .infinity
                goals.append(ServeGoal(
                    goal: ">= 3x Python's sentences/s at concurrency 64, \(shape(level.batch_size))",
                    measured: "\(fixed(ratio, 2))x (\(fixed(level.sentences_per_second, 1)) vs \(fixed(other.sentences_per_second, 1)))",
                    met: ratio >= 3))
            }
            for level in adeaug.levels {
                guard let other = python.levels.first(where: { $0.batch_size == level.batch_size && $0.concurrency == level.concurrency }) else { continue }
                goals.append(ServeGoal(
                    goal: "lower p99 than Python at concurrency \(level.concurrency), \(shape(level.batch_size))",
                    measured: "\(fixed(level.p99_ms, 1)) ms vs \(fixed(other.p99_ms, 1)) ms",
                    met: level.p99_ms < other.p99_ms))
            }
            if let mine = adeaug.peak_rss_mib, let theirs = python.peak_rss_mib, theirs > 0 {
                goals.append(ServeGoal(
                    goal: "under a third of Python's peak memory",
                    measured: "\(fixed(mine, 0)) MiB vs \(fixed(theirs, 0)) MiB (\(fixed(mine / theirs, 3)))",
                    met: mine * 3 < theirs))
            } else {
                goals.append(ServeGoal(goal: "under a third of Python's peak memory", measured: "no memory figure (no /proc)", met: nil))
            }
        }
        let long = adeaug.levels.filter { $0.concurrency == 64 && $0.seconds >= 60 }
        goals.append(ServeGoal(
            goal: "no errors for 60 s at concurrency 64",
            measured: long.isEmpty
                ? "no level at concurrency 64 ran 60 s (use --seconds 60 or more)"
                : "\(long.map(\.errors).reduce(0, +)) errors in \(long.map(\.requests).reduce(0, +)) requests over \(fixed(long.map(\.seconds).reduce(0, +), 0)) s",
            met: long.isEmpty ? nil : long.allSatisfy { $0.errors == 0 }))
        return goals
    }

    static func shape(_ batchSize: Int) -> String { batchSize == 1 ? "single sentences" : "batches of \(batchSize)" }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "inf"
    }
}
