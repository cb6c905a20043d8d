import AdeaugPipeline
import AdeaugServe
import Foundation
import Testing

@testable import adeaug

/// `adeaug serve`'s flags and adeaug.yaml's `serve:` section build the same `ServeSettings`, the
/// one home of the endpoint's settings; flags override the section.
@Suite struct ServeFlagsTests {
    static let flags = [
        "--model", "m", "--host", "127.0.0.1", "--port", "9000", "--max-length", "64", "--max-batch-sentences", "32",
        "--max-batch-tokens", "2048", "--batch-wait-milliseconds", "2", "--max-queued-requests", "10", "--max-body-bytes", "1000",
    ]
    static let yaml = """
        serve:
          model: m
          host: 127.0.0.1
          port: 9000
          max_length: 64
          max_batch_sentences: 32
          max_batch_tokens: 2048
          batch_wait_milliseconds: 2
          max_queued_requests: 10
          max_body_bytes: 1000
        """

    @Test func flagsAndConfigBuildEqualSettings() throws {
        let fromFlags = try ServeCommand.parse(Self.flags).settings()
        // SAGEMAKER_BIND_TO_PORT is unset in tests; when set it replaces the port on both paths.
        let fromConfig = try PipelineConfig.parse(Self.yaml, path: "adeaug.yaml").serve.applyingEnvironment(ProcessInfo.processInfo.environment)
        #expect(fromFlags == fromConfig)
        #expect(fromFlags.maxBatchTokens == 2048 && fromFlags.port == 9000)
        #expect(try ServeCommand.parse([]).settings() == PipelineConfig().serve.applyingEnvironment(ProcessInfo.processInfo.environment))
    }

    @Test func flagsOverrideTheConfigSection() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.yaml.utf8).write(to: URL(fileURLWithPath: path))
        let settings = try ServeCommand.parse(["--config", path, "--max-batch-tokens", "512"]).settings()
        var expected = try PipelineConfig.load(path: path).serve.applyingEnvironment(ProcessInfo.processInfo.environment)
        expected.maxBatchTokens = 512
        #expect(settings == expected)
        #expect(settings.model == "m")
    }

    @Test func invalidValuesAreRefusedInEachFrontEndsWords() throws {
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--max-batch-sentences", "0"]).settings() }
        #expect {
            try PipelineConfig.parse("serve:\n  max_batch_tokens: 0\n", path: "adeaug.yaml")
        } throws: { "\($0)".contains("serve.max_batch_tokens must be at least 1") }
        #expect {
            try PipelineConfig.parse("serve:\n  max_batch_token: 10\n", path: "adeaug.yaml")
        } throws: { "\($0)".contains("max_batch_tokens") }
    }
}
