import AdeaugCore
import Foundation
import Testing

@testable import AdeaugGeneration

@Suite struct RequestStatusTests {
    /// The enum and the table's CHECK constraint must list the same strings, or a stored
    /// workspace would hold a status the run cannot read (or the run one the table refuses).
    @Test func statusesAreTheOnesTheTableAccepts() throws {
        let sql = GenerationSchema.schema.migrations.joined(separator: "\n")
        let check = try #require(sql.range(of: "CHECK (status IN ("))
        let list = sql[check.upperBound...].prefix { $0 != ")" }
        let allowed = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'")) })
        #expect(allowed == Set(RequestStatus.allCases.map(\.rawValue)))
    }

    @Test func attemptsLeaveTheirRequestInTheStatusAResumedRunExpects() {
        #expect(RequestStatus(after: .success, willRetry: false) == .answered)
        #expect(RequestStatus(after: .rejected, willRetry: false) == .rejected)
        #expect(RequestStatus(after: .fatal, willRetry: false) == .pending)
        #expect(RequestStatus(after: .throttled, willRetry: true) == .pending)
        #expect(RequestStatus(after: .retryable, willRetry: false) == .failed)
        // Only answers and refusals are skipped by a resumed run.
        #expect(RequestStatus.allCases.filter(\.isSettled) == [.answered, .rejected])
    }

    @Test func retriesLeaveInOrderOfTheirDueInstant() {
        let plan = PlannedRequest(
            index: 0, key: "k", exampleIDs: [], exampleTexts: [], seed: 0, prompt: "",
            request: HTTPRequest(method: .get, url: "http://127.0.0.1/"))
        let now = ContinuousClock.now
        var queue = RetryQueue()
        queue.add(RequestJob(requestID: 1, plan: plan, attempts: 1), due: now + .seconds(2))
        queue.add(RequestJob(requestID: 2, plan: plan, attempts: 1), due: now + .seconds(1))
        queue.add(RequestJob(requestID: 3, plan: plan, attempts: 1), due: now + .seconds(60))
        #expect(queue.nextDue == now + .seconds(1))
        #expect(queue.takeDue(at: now) == nil)
        #expect(queue.takeDue(at: now + .seconds(5))?.requestID == 2)
        #expect(queue.takeDue(at: now + .seconds(5))?.requestID == 1)
        #expect(queue.takeDue(at: now + .seconds(5)) == nil)
        #expect(queue.nextDue == now + .seconds(60))
    }
}
