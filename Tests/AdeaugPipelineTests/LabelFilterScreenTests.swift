import AdeaugCore
import AdeaugExperiments
import AdeaugGeneration
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

/// The label filter as a screen of the generation loop: only candidates it passes count
/// towards the target, its rejections are stored with their scores, and the requests that
/// brought them are not sent again on resume.
@Suite struct LabelFilterScreenTests {
    /// Scores by content: sentences naming "tremor" are adverse events (0.9), others not (0.2).
    struct KeywordScorer: TextScorer {
        func positiveProbabilities(_ texts: [String]) throws -> [Double] {
            texts.map { $0.contains("tremor") ? 0.9 : 0.2 }
        }
    }

    @Test func onlyWhatPassesCountsAndRejectionsAreStoredAndNotRetried() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let log = RequestLog()
        let trainings = Counter()
        // Every other answer describes no adverse event the filter believes.
        let server = try LoopbackServer { request in
            log.append(request)
            let seed = Fixtures.seed(of: request) ?? 0
            let effect = seed % 2 == 0 ? "tremor" : "a routine follow-up visit"
            return .json(200, #"{"generated_text":" A woman reported \#(effect) \#(seed) days after starting lithium.","details":{"finish_reason":"stop","generated_tokens":12}}"#)
        }
        defer { server.stop() }
        func screen() -> LabelFilterScreen {
            LabelFilterScreen(threshold: 0.5) {
                _ = trainings.next()
                return KeywordScorer()
            }
        }
        var options = Fixtures.options(url: server.baseURL, target: 3)
        options.concurrency = 1

        let first = try Generator(workspace: workspace, options: options, screens: [screen()]).run()
        #expect(first.stopReason == .targetReached)
        #expect(trainings.value == 1)
        let verdicts = try GenerationRecords.screenVerdicts(in: workspace, passed: LabelFilterScreen.passed, rejected: LabelFilterScreen.reason)
        let passed = verdicts.values.filter { $0 }.count
        let rejected = verdicts.values.filter { !$0 }.count
        #expect(passed == 3)
        #expect(rejected >= 1)
        #expect(try GenerationRecords.countedCandidateIDs(in: workspace).count == 3)
        #expect(first.rejectedByReason["screen:label_filter"] == rejected)
        // Each verdict is stored with its score.
        let scores = try workspace.database.prepare(
            "SELECT screen_reason, screen_score FROM generation_outputs WHERE screen_reason IS NOT NULL"
        ).rows { ($0.text(0), $0.double(1)) }
        #expect(scores.count == passed + rejected)
        for (reason, score) in scores { #expect(score == (reason == LabelFilterScreen.passed ? 0.9 : 0.2)) }

        // Resumed at the same target: nothing is sent, the classifier is not even trained.
        let sentFirst = log.count
        let again = try Generator(workspace: workspace, options: options, screens: [screen()]).run()
        #expect(again.stopReason == .targetReached)
        #expect(log.count == sentFirst)
        #expect(trainings.value == 1)

        // A higher target: new requests only, none of those whose candidates were rejected.
        options.target = 5
        let more = try Generator(workspace: workspace, options: options, screens: [screen()]).run()
        #expect(more.stopReason == .targetReached)
        #expect(try GenerationRecords.countedCandidateIDs(in: workspace).count == 5)
        let seeds = log.requests.compactMap(Fixtures.seed(of:))
        #expect(log.count > sentFirst)
        #expect(Set(seeds).count == seeds.count, "a request was sent twice: \(seeds)")
    }
}
