import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM (what SageMaker and container runtimes send) with requests in flight: each is
/// answered, then the process exits in time.
@Suite struct ServeShutdownTests {
    /// Six requests: URLSession opens at most six connections to one host, so none is still
    /// unsent when the signal arrives.
    @Test(.timeLimit(.minutes(1))) func sigtermFinishesRequestsInFlight() async throws {
        let server = try ServeProcess(["--batch-wait-milliseconds", "1500"])
        try await server.waitUntilReady()
        async let answers = withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<6 { group.addTask { try await server.invoke(#"{"inputs": "sentence \#(i)"}"#).status } }
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
        try await Task.sleep(for: .milliseconds(400))
        kill(server.process.processIdentifier, SIGTERM)
        // Every request sent before SIGTERM is answered, none silently lost.
        let statuses = try await answers
        #expect(statuses.count == 6 && statuses.allSatisfy { $0 == 200 })
        let status = await server.waitForExit(seconds: 30)
        #expect(status == 0, "\(server.log)")
    }
}
