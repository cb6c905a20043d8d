import AdeaugServe
import Testing

@testable import adeaug

/// `adeaug serve`'s flags map onto `ServeSettings`, the one home of the endpoint's settings.
@Suite struct ServeFlagsTests {
    @Test func flagsBuildTheSettings() throws {
        let flags = try ServeCommand.parse([
            "--model", "m", "--host", "127.0.0.1", "--port", "9000", "--max-length", "64", "--max-batch-sentences", "32",
            "--batch-wait-milliseconds", "2", "--max-queued-requests", "10", "--max-body-bytes", "1000",
        ]).settings()
        var expected = ServeSettings()
        expected.model = "m"
        expected.host = "127.0.0.1"
        expected.port = 9000
        expected.maxLength = 64
        expected.maxBatchSentences = 32
        expected.batchWaitMilliseconds = 2
        expected.maxQueuedRequests = 10
        expected.maxBodyBytes = 1000
        // SAGEMAKER_BIND_TO_PORT is unset in tests; when set it replaces the port.
        #expect(flags == (try expected.applyingEnvironment(ProcessInfo.processInfo.environment)))
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--max-batch-sentences", "0"]).settings() }
    }
}

import Foundation
