import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

/// A budget in tokens or money stops generation before a request that could pass it, and a
/// resumed run with a larger budget goes on without sending any request twice.
@Suite struct BudgetTests {
    @Test func aTokenBudgetStopsAndAResumedRunSendsNoRequestTwice() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let log = RequestLog()
        // TGI reports generated tokens (14) and no prompt tokens: those are approximated.
        let server = try LoopbackServer { request in
            log.append(request)
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 100)
        options.concurrency = 2
        options.budget = .tokens(1_200)

        let first = try Generator(workspace: workspace, options: options).run()
        #expect(first.stopReason == .budgetSpent)
        let spentFirst = try GenerationCost(workspace: workspace)
        #expect(spentFirst.answeredRequests == log.count)
        #expect(log.count >= 2)
        #expect(spentFirst.promptTokens + spentFirst.completionTokens <= 1_200)
        #expect(spentFirst.completionTokens == 14 * log.count)
        #expect(spentFirst.promptApproximated == log.count && spentFirst.completionApproximated == 0)
        #expect(first.cost?.contains("prompt tokens approximated (4 characters per token") == true)

        // The same budget again: it is spent, nothing is sent.
        let again = try Generator(workspace: workspace, options: options).run()
        #expect(again.stopReason == .budgetSpent)
        #expect(log.count == spentFirst.answeredRequests)

        // A larger budget goes on from where the first run stopped.
        options.budget = .tokens(2_400)
        let resumed = try Generator(workspace: workspace, options: options).run()
        #expect(resumed.stopReason == .budgetSpent)
        #expect(log.count > spentFirst.answeredRequests)
        let spent = try GenerationCost(workspace: workspace)
        #expect(spent.promptTokens + spent.completionTokens <= 2_400)
        let seeds = log.requests.compactMap(Fixtures.seed(of:))
        #expect(seeds.count == log.count)
        #expect(Set(seeds).count == seeds.count, "a request was sent twice: \(seeds)")
        #expect(spent.acceptedSentences == log.count)
    }

    @Test func aMoneyBudgetTooSmallForOneRequestSendsNothing() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let log = RequestLog()
        let server = try LoopbackServer { request in
            log.append(request)
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 5)
        let prices = TokenPrices(inputPerThousand: 1, outputPerThousand: 2)
        options.budget = .money(0.05, prices)
        options.prices = prices
        let summary = try Generator(workspace: workspace, options: options).run()
        #expect(summary.stopReason == .budgetSpent)
        #expect(summary.message.contains("raise the budget"))
        #expect(log.count == 0)
    }

    @Test func reportedUsageIsReadAndPricesGiveMoneyPerSentence() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let counter = Counter()
        // An OpenAI-compatible server that reports usage.
        let server = try LoopbackServer { _ in
            let n = counter.next()
            return .json(200, #"{"choices":[{"index":0,"text":" A man developed severe tremor \#(n) days after starting lithium.","finish_reason":"stop"}],"usage":{"prompt_tokens":300,"completion_tokens":20,"total_tokens":320}}"#)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, kind: .openai, target: 4)
        options.concurrency = 1
        let prices = TokenPrices(inputPerThousand: 0.5, outputPerThousand: 1.5)
        options.prices = prices
        let summary = try Generator(workspace: workspace, options: options).run()
        #expect(summary.stopReason == .targetReached)
        let cost = try GenerationCost(workspace: workspace, prices: prices)
        #expect(cost.answeredRequests == 4 && cost.acceptedSentences == 4)
        #expect(cost.promptTokens == 1_200 && cost.completionTokens == 80)
        #expect(cost.promptApproximated == 0 && cost.completionApproximated == 0)
        // 4 × (300 × 0.5 + 20 × 1.5) / 1000 = 0.72, 0.18 per sentence.
        #expect(abs((cost.money ?? 0) - 0.72) < 1e-9)
        #expect(cost.line.contains("300 tokens in, 20 out"))
        #expect(cost.line.contains("0.18000 in money"))
    }

    @Test func theApproximationIsFourCharactersPerTokenRoundedUp() {
        #expect(TokenApproximation.tokens(in: "") == 0)
        #expect(TokenApproximation.tokens(in: "abcd") == 1)
        #expect(TokenApproximation.tokens(in: "abcde") == 2)
    }
}
