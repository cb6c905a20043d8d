import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

/// Attribute-conditioned prompts: what is drawn, what is sent, what is recorded.
@Suite struct ConditioningTests {
    /// The fixture workspace's training positives' pairs: drug (i·7 mod 20) with effect (i mod 20).
    static let pairs = (0..<40).map { DrugEffectPair(drug: Fixtures.drugs[($0 * 7) % 20], effect: Fixtures.effects[$0 % 20]) }

    @Test func recombinedPairsNeverAppearTogetherInTraining() throws {
        let sampler = try AttributeSampler(pairs: Self.pairs, mode: .recombined)
        let seen = Set(Self.pairs.map { "\($0.drug)|\($0.effect)" })
        for seed in 0..<500 {
            let drawn = try #require(sampler.draw(seed: UInt64(seed), label: .adverseEvent))
            #expect(drawn.pairing == .recombined)
            #expect(!seen.contains("\(drawn.drug)|\(drawn.effect!)"))
            #expect(Fixtures.drugs.contains(drawn.drug) && Fixtures.effects.contains(drawn.effect!))
        }
    }

    @Test func seenPairsAreTrainingPairsAndCaseDoesNotMakeANewPair() throws {
        // "Warfarin"/"warfarin" is one drug: warfarin with its own effect is seen, not recombined.
        let pairs = [DrugEffectPair(drug: "Warfarin", effect: "bleeding"), DrugEffectPair(drug: "warfarin", effect: "Bleeding"),
                     DrugEffectPair(drug: "lithium", effect: "tremor")]
        let sampler = try AttributeSampler(pairs: pairs, mode: .recombined)
        #expect(sampler.seenPairCount == 2)
        #expect(sampler.isSeen(drug: "WARFARIN", effect: "bleeding"))
        for seed in 0..<50 {
            let drawn = try #require(sampler.draw(seed: UInt64(seed), label: .adverseEvent))
            #expect(!sampler.isSeen(drug: drawn.drug, effect: drawn.effect!))
        }
        let seenSampler = try AttributeSampler(pairs: Self.pairs, mode: .seen)
        let training = Set(Self.pairs.map { "\($0.drug)|\($0.effect)" })
        for seed in 0..<100 {
            let drawn = try #require(seenSampler.draw(seed: UInt64(seed), label: .adverseEvent))
            #expect(drawn.pairing == .seen && training.contains("\(drawn.drug)|\(drawn.effect!)"))
        }
    }

    @Test func mixedFollowsTheUserWeighting() throws {
        let sampler = try AttributeSampler(pairs: Self.pairs, mode: .mixed, recombinedShare: 0.25)
        let recombined = (0..<2000).filter { sampler.draw(seed: UInt64($0), label: .adverseEvent)?.pairing == .recombined }.count
        #expect((400...600).contains(recombined))
        #expect(try AttributeSampler(pairs: Self.pairs, mode: .mixed, recombinedShare: 0).draw(seed: 1, label: .adverseEvent)?.pairing == .seen)
    }

    @Test func negativesNameADrugOnlyAndPlainDrawsNothing() throws {
        let drawn = try #require(try AttributeSampler(pairs: Self.pairs, mode: .seen).draw(seed: 7, label: .notAdverseEvent))
        #expect(drawn.effect == nil && drawn.pairing == .drugOnly && Fixtures.drugs.contains(drawn.drug))
        #expect(try AttributeSampler(pairs: [], mode: .plain).draw(seed: 1, label: .adverseEvent) == nil)
        #expect(throws: GenerationError.self) { try AttributeSampler(pairs: [], mode: .seen) }
        // One drug annotated with one effect leaves nothing to recombine.
        #expect(throws: GenerationError.self) { try AttributeSampler(pairs: [DrugEffectPair(drug: "a", effect: "b")], mode: .recombined) }
    }

    @Test func aConditionedPromptNamesItsAttributesAndPlainKeysStayAsTheyWere() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let options = Fixtures.options(url: "http://127.0.0.1:9")
        let sampler = try FewShotSampler(workspace: workspace, label: .adverseEvent)
        let plain = RequestPlanner(sampler: sampler, template: options.template, endpoint: options.endpoint, parameters: options.parameters, seed: 42, redactor: nil)
        let conditioned = RequestPlanner(
            sampler: sampler, template: options.template, endpoint: options.endpoint, parameters: options.parameters, seed: 42, redactor: nil,
            attributes: try AttributeSampler(pairs: Self.pairs, mode: .recombined))
        let first = plain.plan(index: 3)
        let second = conditioned.plan(index: 3)
        #expect(first.attributes == nil && !first.key.contains("drug="))
        let attributes = try #require(second.attributes)
        // Same examples and seed: conditioning only adds to the plan.
        #expect(second.exampleIDs == first.exampleIDs && second.seed == first.seed)
        #expect(second.key.hasPrefix(first.key) && second.key.hasSuffix(attributes.keyText))
        #expect(second.prompt.contains("develops \(attributes.effect!) after taking \(attributes.drug)."))
        let custom = try PromptTemplate(name: "t", source: "{{drug}}/{{effect}}: {{#examples}}{{{text}}} {{/examples}}", defaultStops: [])
        #expect(custom.render(examples: ["x"], label: .adverseEvent, attributes: attributes) == "\(attributes.drug)/\(attributes.effect!): x")
    }

    @Test func conditionedRequestsRecordTheirAttributes() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let bodies = RequestLog()
        let server = try LoopbackServer { request in
            bodies.append(request)
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 6)
        options.conditioning = .mixed
        options.drugEffectPairs = Self.pairs
        options.auditPrompts = true
        let summary = try Generator(workspace: workspace, options: options).run()
        #expect(summary.stopReason == .targetReached)
        let rows = try workspace.database.prepare("""
            SELECT q.body, a.drug, a.effect, a.pairing FROM generation_requests q JOIN generation_request_attributes a ON a.request_id = q.id
            """).rows { ($0.text(0), $0.text(1), $0.text(2), $0.text(3)) }
        let requests = try workspace.database.prepare("SELECT COUNT(*) FROM generation_requests").rows { $0.int(0) }.first
        #expect(rows.count == requests && rows.count >= 6)
        let seen = Set(Self.pairs.map { "\($0.drug)|\($0.effect)" })
        for (body, drug, effect, pairing) in rows {
            // The body sent names what the row records.
            #expect(body.contains("after taking \(drug).") && body.contains("develops \(effect) after"))
            #expect(seen.contains("\(drug)|\(effect)") == (pairing == "seen"))
        }
        #expect(bodies.requests.count == rows.count)
        let details = try AuditTrail(workspace: workspace).entries().filter { $0.event == .sent }.compactMap(\.detail)
        #expect(details.count == rows.count && details.allSatisfy { $0.hasPrefix("conditioned on drug=") })
        let records = try GeneratedOutputRecord.all(in: workspace)
        #expect(records.allSatisfy { $0.attributes != nil && $0.templateName == "falcon-instruct" })
    }

    @Test func nCompletionsParseIntoNCandidates() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixtures.workspace(in: directory.path)
        let log = RequestLog()
        let server = try LoopbackServer { request in
            log.append(request)
            let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
            let n = (object["n"] as? Int) ?? 1
            let seed = (object["seed"] as? Int) ?? 0
            let choices = (0..<n).reversed().map { index in
                #"{"index":\#(index),"text":" A man developed \#(Fixtures.effects[index]) on day \#(seed) after taking \#(Fixtures.drugs[index]).\n###","finish_reason":"stop"}"#
            }
            return .json(200, #"{"choices":[\#(choices.joined(separator: ","))],"usage":{"completion_tokens":\#(12 * n)}}"#)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, kind: .openai, target: 9)
        options.completionsPerPrompt = 3
        options.concurrency = 1
        options.endpoint.cachePrompt = true
        let summary = try Generator(workspace: workspace, options: options).run()
        #expect(summary.stopReason == .targetReached)
        // Nine candidates from three requests, each asking for three completions.
        #expect(log.requests.count == 3)
        #expect(log.requests.allSatisfy { $0.bodyText.contains(#""n":3"#) && $0.bodyText.contains(#""cache_prompt":true"#) })
        let perResponse = try workspace.database.prepare(
            "SELECT COUNT(*), group_concat(position) FROM generation_outputs WHERE filter_reason = 'accepted' GROUP BY response_id ORDER BY response_id"
        ).rows { ($0.int(0), $0.text(1)) }
        #expect(perResponse.map(\.0) == [3, 3, 3])
        #expect(perResponse.allSatisfy { Set($0.1.split(separator: ",")) == ["0", "1", "2"] })
        // Choices come back in the order asked (by index), tokens once per response.
        let first = try workspace.database.prepare("SELECT text FROM generation_outputs WHERE position = 0 ORDER BY id LIMIT 1").rows { $0.text(0) }
        #expect(first.first?.contains(Fixtures.effects[0]) == true)
        #expect(try workspace.database.prepare("SELECT SUM(tokens) FROM generation_responses").rows { $0.int(0) }.first == 108)
    }

    @Test func tgiBestOfSequencesAreCompletionsToo() throws {
        let tgi = Endpoint(kind: .tgi, url: "http://127.0.0.1:1")
        let body = String(decoding: tgi.request(prompt: "p", parameters: GenerationParameters(), seed: 1, completions: 2).body, as: UTF8.self)
        #expect(body.contains(#""best_of":2"#))
        #expect(!String(decoding: tgi.request(prompt: "p", parameters: GenerationParameters(), seed: 1).body, as: UTF8.self).contains("best_of"))
        let all = try tgi.parseAll(Array(#"{"generated_text":"a","details":{"finish_reason":"eos_token","generated_tokens":4,"best_of_sequences":[{"generated_text":"b","finish_reason":"length","generated_tokens":6}]}}"#.utf8))
        #expect(all.map(\.text) == ["a", "b"])
        #expect(all[1].wasTruncated && all[1].generatedTokens == 6)
        let openai = Endpoint(kind: .openai, url: "http://127.0.0.1:1")
        #expect(!String(decoding: openai.request(prompt: "p", parameters: GenerationParameters(), seed: 1).body, as: UTF8.self).contains("cache_prompt"))
    }
}
