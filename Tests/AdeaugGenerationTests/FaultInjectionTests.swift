import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

/// The generator against a loopback server that misbehaves in every way endpoints.md lists.
@Suite struct FaultInjectionTests {
    struct Run {
        let directory = TemporaryDirectory()
        let workspace: Workspace
        let log = RequestLog()

        init() throws { workspace = try Fixtures.workspace(in: directory.path) }

        func count(_ sql: String) throws -> Int {
            try workspace.database.prepare(sql).rows { $0.int(0) }.first ?? 0
        }
    }

    @Test func throttlingCutsConcurrencyWaitsForRetryAfterAndFinishes() throws {
        let run = try Run()
        let calls = Counter()
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            // The first three requests are throttled, asking for one second.
            if calls.next() <= 3 { return .json(429, #"{"error":"Model is overloaded","error_type":"overloaded"}"#, headers: ["Retry-After: 1"]) }
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 6)
        options.concurrency = 3
        let started = ContinuousClock.now
        let summary = try Generator(workspace: run.workspace, options: options).run()
        #expect(summary.stopReason == .targetReached)
        #expect(summary.progress.throttled == 3)
        #expect(ContinuousClock.now - started >= .milliseconds(950))
        #expect(try run.count("SELECT COUNT(*) FROM generation_responses WHERE outcome = 'throttled' AND http_status = 429") == 3)
        // Throttled requests were answered later, under the same key.
        #expect(try run.count("SELECT COUNT(*) FROM generation_requests WHERE status = 'answered'") >= 6)
        #expect(try run.count("SELECT COUNT(*) FROM generation_requests WHERE attempts > 1") == 3)
    }

    @Test func serverErrorsMalformedAnswersDropsAndHangsAreRetried() throws {
        let run = try Run()
        let calls = Counter()
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            switch calls.next() {
            case 1: return .json(503, #"{"error":"unhealthy"}"#)
            case 2: return .json(500, #"{"error":"Request failed during generation","error_type":"generation"}"#)
            case 3: return .json(200, #"{"generated_text": "unterminated"#)
            // libcurl itself retries once when a reused connection closes without an answer,
            // so the connection is dropped twice: the second drop reaches the generator.
            case 4, 5: return .drop
            case 6: return .hang
            default: return Fixtures.tgiAnswer(for: request)
            }
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 4)
        options.concurrency = 1
        options.retry.maximumAttempts = 6
        options.endpoint.timeouts = HTTPTimeouts(connectMilliseconds: 1000, totalMilliseconds: 700)
        let summary = try Generator(workspace: run.workspace, options: options).run()
        #expect(summary.stopReason == .targetReached)
        #expect(summary.progress.retries == 5)
        #expect(summary.progress.failed == 0)
        let outcomes = try run.workspace.database.prepare("SELECT http_status, outcome, error FROM generation_responses ORDER BY id LIMIT 5")
            .rows { "\($0.int(0)) \($0.text(1)) \($0.optionalText(2) ?? "")" }
        #expect(outcomes[0].hasPrefix("503 retryable"))
        #expect(outcomes[1].hasPrefix("500 retryable"))
        #expect(outcomes[2].contains("malformed JSON"))
        #expect(outcomes[3].hasPrefix("0 retryable") && outcomes[3].contains("curl error 52"))
        #expect(outcomes[4].contains("curl error 28"))  // timeout
        #expect(try run.count("SELECT COUNT(*) FROM generation_requests WHERE status = 'answered'") >= 4)
    }

    @Test func validationErrorsAreRecordedAndNeverRetried() throws {
        let run = try Run()
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            // Every third seed is "invalid".
            if (Fixtures.seed(of: request) ?? 0) % 3 == 0 {
                return .json(422, #"{"error":"Input validation error: inputs tokens + max_new_tokens must be <= 2048","error_type":"validation"}"#)
            }
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        let summary = try Generator(workspace: run.workspace, options: Fixtures.options(url: server.baseURL, target: 8)).run()
        #expect(summary.stopReason == .targetReached)
        let seeds = run.log.requests.compactMap(Fixtures.seed(of:))
        #expect(seeds.count == Set(seeds).count, "a request was sent twice")
        let rejected = try run.count("SELECT COUNT(*) FROM generation_requests WHERE status = 'rejected'")
        #expect(rejected == seeds.filter { $0 % 3 == 0 }.count)
        #expect(summary.invalidRequests == rejected)
        #expect(try run.count("SELECT COUNT(*) FROM generation_responses WHERE http_status = 422 AND error LIKE '%Input validation error%'") == rejected)
    }

    @Test func aDeadEndpointStopsTheRunWithAClearMessage() throws {
        let run = try Run()
        let server = try LoopbackServer { _ in .json(503, #"{"error":"down"}"#) }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL)
        options.endpointDownAfter = 6
        let summary = try Generator(workspace: run.workspace, options: options).run()
        #expect(summary.stopReason == .endpointDown)
        #expect(summary.message.contains("looks down") && summary.message.contains("HTTP 503"))
        #expect(summary.progress.attempts < 12)
    }

    @Test func noProgressEndsTheRunInsteadOfLooping() throws {
        let run = try Run()
        let server = try LoopbackServer { _ in
            .json(200, #"{"generated_text":" The same sentence about a patient and a drug every time.","details":{"finish_reason":"eos_token","generated_tokens":12}}"#)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 50)
        options.noProgressAfter = 10
        let summary = try Generator(workspace: run.workspace, options: options).run()
        #expect(summary.stopReason == .noProgress)
        #expect(summary.progress.accepted == 1)
        #expect(summary.rejectedByReason["duplicate"] ?? 0 >= 10)
        #expect(summary.progress.attempts < 20)
    }

    @Test func aResumedRunSendsNoAnsweredRequestAgain() throws {
        let run = try Run()
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 12)
        options.maxRequests = 5
        let first = try Generator(workspace: run.workspace, options: options).run()
        #expect(first.stopReason == .maxRequests)
        #expect(first.progress.accepted == 5)
        options.maxRequests = nil
        let second = try Generator(workspace: run.workspace, options: options).run()
        #expect(second.stopReason == .targetReached)
        #expect(second.alreadyAnswered == 5)
        #expect(second.progress.accepted == 12)
        let seeds = run.log.requests.compactMap(Fixtures.seed(of:))
        #expect(seeds.count == Set(seeds).count)
        #expect(try run.workspace.candidates(label: .adverseEvent).count == 12)
        let origins = try run.workspace.candidates().map(\.origin)
        #expect(origins.allSatisfy { $0.hasPrefix("generate:response:") })
        #expect(try run.count("SELECT COUNT(*) FROM candidates c JOIN runs r ON r.id = c.run_id WHERE r.command = 'generate'") == 12)
        // Each prompt recorded the five examples it showed.
        let exampleLists = try run.workspace.database.prepare("SELECT example_ids FROM generation_requests").rows { $0.text(0) }
        #expect(exampleLists.allSatisfy { $0.split(separator: " ").count == 5 })
    }

    @Test func screensDecideWhatCounts() throws {
        struct RejectWarfarin: CandidateScreen {
            mutating func screen(_ text: String) -> ScreenVerdict {
                text.contains("warfarin") ? ScreenVerdict(accepted: false, reason: "test_near_duplicate", matchedText: "x", score: 0.9) : .accept
            }
        }
        let run = try Run()
        let server = try LoopbackServer { Fixtures.tgiAnswer(for: $0) }
        defer { server.stop() }
        let summary = try Generator(workspace: run.workspace, options: Fixtures.options(url: server.baseURL, target: 10), screens: [RejectWarfarin()]).run()
        #expect(summary.stopReason == .targetReached)
        #expect(try run.count("SELECT COUNT(*) FROM generation_outputs WHERE counted = 1 AND text LIKE '%warfarin%'") == 0)
        #expect(try run.count("SELECT COUNT(*) FROM generation_outputs WHERE counted = 1") == 10)
        let screened = try run.count("SELECT COUNT(*) FROM generation_outputs WHERE screen_reason = 'test_near_duplicate'")
        #expect(summary.rejectedByReason["screen:test_near_duplicate"] == screened)
    }

    @Test func negativeModeGeneratesNotAEFromTrainingNegatives() throws {
        let run = try Run()
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 3)
        options.label = .notAdverseEvent
        let summary = try Generator(workspace: run.workspace, options: options).run()
        #expect(summary.stopReason == .targetReached)
        #expect(try run.workspace.candidates(label: .notAdverseEvent).count == 3)
        #expect(try run.workspace.candidates(label: .adverseEvent).isEmpty)
        for request in run.log.requests {
            #expect(request.bodyText.contains("describe no adverse drug event"))
            #expect(request.bodyText.contains("without complications"))  // a training negative
        }
    }

    @Test func screensHearOfEarlierRunsCandidates() throws {
        final class Seen: @unchecked Sendable { var texts: [String] = [] }
        struct Recording: CandidateScreen {
            let seen: Seen
            mutating func screen(_ text: String) -> ScreenVerdict {
                seen.texts.append(text)
                return .accept
            }
        }
        let run = try Run()
        let server = try LoopbackServer { Fixtures.tgiAnswer(for: $0) }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 3)
        _ = try Generator(workspace: run.workspace, options: options).run()
        let seen = Seen()
        options.target = 5
        _ = try Generator(workspace: run.workspace, options: options, screens: [Recording(seen: seen)]).run()
        let first = try run.workspace.candidates().prefix(3).map(\.text)
        #expect(Array(seen.texts.prefix(3)) == Array(first))
        #expect(seen.texts.count == 5)
    }

    @Test func sageMakerErrorsAreUnwrappedAndThrottlingRecognised() throws {
        let run = try Run()
        let calls = Counter()
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            switch calls.next() {
            case 1: return .json(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
            case 2: return .json(424, #"{"ErrorCode":"CLIENT_ERROR_FROM_MODEL","Message":"Received client error (422) from primary","OriginalMessage":"{\"error\":\"Input validation error: max_new_tokens must be <= 512\",\"error_type\":\"validation\"}","OriginalStatusCode":422}"#)
            default:
                guard case .respond(_, _, let body) = Fixtures.tgiAnswer(for: request) else { return .drop }
                return .json(200, "[" + String(decoding: body, as: UTF8.self) + "]")
            }
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL + "/endpoints/falcon/invocations", target: 3)
        options.endpoint = Endpoint(
            kind: .sagemaker, url: server.baseURL + "/endpoints/falcon/invocations",
            authentication: .awsSigV4(AWSSigning(region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "SECRETKEY"))))
        options.concurrency = 1
        let summary = try Generator(workspace: run.workspace, options: options).run()
        #expect(summary.stopReason == .targetReached)
        #expect(summary.progress.throttled == 1)
        #expect(summary.invalidRequests == 1)
        let errors = try run.workspace.database.prepare("SELECT error FROM generation_responses WHERE http_status = 424").rows { $0.optionalText(0) ?? "" }
        #expect(errors == ["HTTP 424: Input validation error: max_new_tokens must be <= 512"])
        #expect(run.log.requests.allSatisfy { $0.path == "/endpoints/falcon/invocations" && ($0.headers["authorization"] ?? "").contains("/us-east-1/sagemaker/aws4_request") })
        let stored = try run.workspace.database.prepare("SELECT settings FROM generation_runs").rows { $0.text(0) }.joined()
        #expect(!stored.contains("SECRETKEY"))
    }

    @Test func tgiPreflightRefusesAnUnhealthyServerAndRecordsInfo() throws {
        let run = try Run()
        let healthy = try LoopbackServer { request in
            switch request.path {
            case "/health": return .respond(status: 200, body: [])
            case "/info": return .json(200, #"{"model_id":"tiiuae/falcon-7b-instruct","max_input_tokens":1024,"max_total_tokens":2048}"#)
            default: return Fixtures.tgiAnswer(for: request)
            }
        }
        defer { healthy.stop() }
        var options = Fixtures.options(url: healthy.baseURL, target: 2)
        options.preflight = true
        _ = try Generator(workspace: run.workspace, options: options).run()
        let info = try run.workspace.database.prepare("SELECT endpoint_info FROM generation_runs").rows { $0.optionalText(0) }
        #expect(info.first??.contains("falcon-7b-instruct") == true)

        let loading = try LoopbackServer { _ in .json(503, "") }
        defer { loading.stop() }
        options.endpoint = Endpoint(kind: .tgi, url: loading.baseURL)
        #expect(throws: GenerationError.self) { try Generator(workspace: run.workspace, options: options).run() }
    }

    @Test func redactedRunsSendNoIdentifiersAndSayTheyRedacted() throws {
        let run = try Run()
        try run.workspace.database.transaction {
            try run.workspace.database.execute("UPDATE examples SET text = text || ' Contact dr.house@example.org, MRN 12345678.' WHERE split = 'train'")
        }
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 3)
        options.redact = true
        _ = try Generator(workspace: run.workspace, options: options).run()
        #expect(run.log.count >= 3)
        for request in run.log.requests {
            #expect(!request.bodyText.contains("example.org") && !request.bodyText.contains("12345678"))
            #expect(request.bodyText.contains("[EMAIL]"))
        }
        #expect(try run.count("SELECT redacted FROM generation_runs") == 1)
    }

    @Test func bearerTokensTravelInTheHeaderOnlyAndAreStoredNowhere() throws {
        let run = try Run()
        let server = try LoopbackServer { [log = run.log] request in
            log.append(request)
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        var options = Fixtures.options(url: server.baseURL, target: 2)
        options.endpoint.authentication = .bearer(token: "hf_SeCrEtToKeN")
        _ = try Generator(workspace: run.workspace, options: options).run()
        #expect(run.log.requests.allSatisfy { $0.headers["authorization"] == "Bearer hf_SeCrEtToKeN" })
        let database = try Data(contentsOf: URL(fileURLWithPath: run.workspace.database.path))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: run.workspace.database.path + "-wal"))) ?? Data()
        #expect(database.range(of: Data("hf_SeCrEtToKeN".utf8)) == nil)
        #expect(wal.range(of: Data("hf_SeCrEtToKeN".utf8)) == nil)
    }
}
