import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

/// A real `adeaug generate` process, killed with SIGKILL while requests are in flight, resumes
/// without sending an answered request again and without losing a stored answer.
@Suite struct KilledRunTests {
    static var executable: URL { AdeaugExecutable.url }

    @Test func killedMidFlightThenResumed() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the adeaug executable first")
        let directory = TemporaryDirectory()
        _ = try Fixtures.workspace(in: directory.path)
        let workspacePath = directory.path + "/ws"
        let log = RequestLog()
        let server = try LoopbackServer { request in
            log.append(request)
            usleep(40_000)  // generation takes a while: several requests are always in flight
            return Fixtures.tgiAnswer(for: request)
        }
        defer { server.stop() }
        let arguments = [
            "generate", "--workspace", workspacePath, "--endpoint", "tgi", "--url", server.baseURL,
            "--target", "30", "--concurrency", "4", "--no-preflight", "--quiet",
        ]
        let first = Process()
        first.executableURL = Self.executable
        first.arguments = arguments
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        let deadline = Date().addingTimeInterval(60)
        while first.isRunning && log.count < 14 && Date() < deadline { usleep(2_000) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal, "the run ended before it could be killed")
        let sentBeforeKill = log.count

        // A reader: the second run below takes the workspace's lock.
        let workspace = try Workspace(directory: workspacePath, create: false, access: .read)
        let answeredBeforeKill = Set(try workspace.database.prepare("SELECT seed FROM generation_requests WHERE status = 'answered'").rows { UInt64($0.int64(0)) })
        let pendingBeforeKill = try workspace.database.prepare("SELECT COUNT(*) FROM generation_requests WHERE status = 'pending'").rows { $0.int(0) }.first ?? 0
        #expect(answeredBeforeKill.count >= 5)
        #expect(pendingBeforeKill >= 1, "nothing was in flight at the kill")
        // Every stored answer has its candidates stored with it (same transaction).
        let answersWithoutOutputs = try workspace.database.prepare("""
            SELECT COUNT(*) FROM generation_responses r WHERE r.outcome = 'success'
            AND NOT EXISTS (SELECT 1 FROM generation_outputs o WHERE o.response_id = r.id)
            """).rows { $0.int(0) }.first ?? -1
        #expect(answersWithoutOutputs == 0)

        let second = Process()
        second.executableURL = Self.executable
        second.arguments = arguments
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)

        let resentSeeds = log.requests.dropFirst(sentBeforeKill).compactMap(Fixtures.seed(of:))
        #expect(answeredBeforeKill.isDisjoint(with: resentSeeds), "an answered request was sent again")
        let allSeeds = log.requests.compactMap(Fixtures.seed(of:))
        let sentTwice = Set(allSeeds.filter { seed in allSeeds.filter { $0 == seed }.count > 1 })
        #expect(sentTwice.count <= pendingBeforeKill, "only requests in flight at the kill may be sent twice")
        let counted = try workspace.database.prepare("SELECT COUNT(*) FROM generation_outputs WHERE counted = 1").rows { $0.int(0) }.first ?? 0
        #expect(counted >= 30)
        let keys = try workspace.database.prepare("SELECT COUNT(*), COUNT(DISTINCT key) FROM generation_requests").rows { [$0.int(0), $0.int(1)] }.first!
        #expect(keys[0] == keys[1])
    }
}
