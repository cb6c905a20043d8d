import Testing

@testable import AdeaugBenchmarks

@Suite struct ServeGoalsTests {
    static func level(batch: Int = 1, concurrency: Int, seconds: Double = 10, sps: Double, p99: Double, errors: Int = 0) -> ServeBenchmark.Level {
        .init(batch_size: batch, concurrency: concurrency, seconds: seconds, requests: 100, errors: errors, sentences_per_second: sps,
              p50_ms: p99 / 2, p95_ms: p99, p99_ms: p99, rss_end_mib: nil)
    }

    static func report(_ name: String, peak: Double?, _ levels: [ServeBenchmark.Level]) -> ServeBenchmark.ServerReport {
        .init(server: name, rss_start_mib: nil, rss_end_mib: nil, peak_rss_mib: peak, levels: levels)
    }

    @Test func eachGoalIsJudgedFromTheFigures() {
        let adeaug = Self.report("adeaug", peak: 200, [
            Self.level(concurrency: 1, sps: 40, p99: 30), Self.level(concurrency: 64, seconds: 60, sps: 300, p99: 500),
        ])
        let python = Self.report("python", peak: 900, [
            Self.level(concurrency: 1, sps: 20, p99: 25), Self.level(concurrency: 64, sps: 90, p99: 2000),
        ])
        let goals = ServeGoal.evaluate(adeaug: adeaug, python: python)
        func met(_ prefix: String) -> [Bool?] { goals.filter { $0.goal.hasPrefix(prefix) }.map(\.met) }
        #expect(met(">= 3x") == [true])  // 300 / 90 = 3.33
        #expect(met("lower p99") == [false, true])  // 30 ms is not below 25 ms; 500 is below 2000
        #expect(met("under a third") == [true])  // 200 * 3 < 900
        #expect(met("no errors") == [true])
    }

    @Test func aShortRunCannotTellTheErrorGoal() {
        let adeaug = Self.report("adeaug", peak: nil, [Self.level(concurrency: 64, seconds: 10, sps: 100, p99: 100)])
        let goals = ServeGoal.evaluate(adeaug: adeaug, python: nil)
        #expect(goals.count == 1)
        #expect(goals[0].met == nil)
    }

    @Test func errorsOverALongLevelMissTheGoal() {
        let adeaug = Self.report("adeaug", peak: nil, [Self.level(concurrency: 64, seconds: 600, sps: 100, p99: 100, errors: 1)])
        #expect(ServeGoal.evaluate(adeaug: adeaug, python: nil).last?.met == false)
    }
}

@Suite struct ProcessMemoryTests {
    @Test func readsTheKernelsTabSeparatedFields() {
        let status = "Name:\tadeaug\nVmHWM:\t  435092 kB\nVmRSS:\t  102400 kB\n"
        #expect(ProcessMemory.field("VmRSS", in: status) == 100)
        #expect(ProcessMemory.field("VmHWM", in: status).map { ($0 * 10).rounded() / 10 } == 424.9)
        #expect(ProcessMemory.field("VmSwap", in: status) == nil)
    }
}
