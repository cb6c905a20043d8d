import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A closed-loop load on `/invocations`: `concurrency` clients, each sending its next request
/// as soon as the last is answered, for a fixed time. Own client rather than wrk: wrk reports
/// no p95 and is not on every machine.
struct ServeLoadClient {
    let url: URL
    let bodies: [Data]

    struct Outcome {
        var latencies: [Double] = []
        var errors = 0
        /// From the first request sent to the last answer received (past the deadline by the
        /// requests still in flight then).
        var elapsedSeconds = 0.0
    }

    func run(concurrency: Int, seconds: Double) async -> Outcome {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = concurrency
        // A slow server's answers are counted late, not as errors: 64 clients with batches of 32
        // can wait minutes on a stack that does 50 sentences/s.
        configuration.timeoutIntervalForRequest = 600
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        var total = await withTaskGroup(of: Outcome.self) { group in
            for client in 0..<concurrency {
                group.addTask {
                    var outcome = Outcome()
                    var next = client
                    while Date() < deadline {
                        var request = URLRequest(url: url)
                        request.httpMethod = "POST"
                        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                        request.httpBody = bodies[next % bodies.count]
                        next += concurrency
                        let start = Date()
                        do {
                            let (_, response) = try await session.data(for: request)
                            if (response as? HTTPURLResponse)?.statusCode == 200 {
                                outcome.latencies.append(Date().timeIntervalSince(start))
                            } else {
                                outcome.errors += 1
                            }
                        } catch {
                            outcome.errors += 1
                        }
                    }
                    return outcome
                }
            }
            var total = Outcome()
            for await outcome in group {
                total.latencies += outcome.latencies
                total.errors += outcome.errors
            }
            return total
        }
        total.elapsedSeconds = Date().timeIntervalSince(started)
        return total
    }
}
