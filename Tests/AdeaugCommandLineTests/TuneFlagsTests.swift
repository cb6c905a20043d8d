import AdeaugExperiments
import AdeaugPipeline
import Foundation
import Testing

@testable import adeaug

/// `adeaug tune`'s flags and adeaug.yaml's `tune:` build equal settings; --config is the
/// starting point the flags override.
@Suite struct TuneFlagsTests {
    @Test func flagsAndConfigBuildTheSameSearch() throws {
        let flags = try TuneCommand.parse([
            "--strategy", "random", "--trials", "10", "--validation-fraction", "0.25",
            "--model", "dmis-lab/biobert-base-cased-v1.2", "--model", "/models/clinical",
            "--learning-rates", "3e-5, 5e-5", "--batch-sizes", "8,16", "--max-lengths", "96", "--epochs", "2,4",
            "--freeze-encoder", "--seed", "7",
        ]).settings()
        let yaml = try PipelineConfig.parse("""
            tune:
              strategy: random
              trials: 10
              validation_fraction: 0.25
              checkpoints: [dmis-lab/biobert-base-cased-v1.2, /models/clinical]
              learning_rates: [3.0e-5, 5.0e-5]
              batch_sizes: [8, 16]
              max_lengths: [96]
              epochs: [2, 4]
              freeze_encoder: true
              seed: 7
            """, path: "adeaug.yaml").tune
        #expect(flags == yaml)
        #expect(flags != TuneSettings())
        #expect(try TuneCommand.parse([]).settings() == PipelineConfig().tune)
        let search = yaml.search(checkpoints: yaml.checkpoints)
        #expect(search.space.learningRates == [3e-5, 5e-5] && search.space.checkpoints.count == 2)
        #expect(search.strategy == .random && search.trials == 10 && search.seed == 7)
    }

    @Test func theConfigIsTheStartingPointAndFlagsOverrideIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "tune:\n  trials: 5\n  checkpoints: [a, b]\n  freeze_encoder: true\n".write(toFile: path, atomically: true, encoding: .utf8)
        let settings = try TuneCommand.parse(["--config", path, "--trials", "6", "--no-freeze-encoder"]).settings()
        #expect(settings.trials == 6 && settings.checkpoints == ["a", "b"] && !settings.freezeEncoder)
        #expect(try TuneCommand.parse(["--config", path, "--model", "c"]).settings().checkpoints == ["c"])
    }

    @Test func badValuesSpeakFlagsOrConfig() throws {
        do {
            _ = try TuneCommand.parse(["--trials", "1", "--model", "a", "--model", "b"]).settings()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("--trials (1) must be at least the number of checkpoints (2)"))
        }
        #expect(throws: (any Error).self) { try TuneCommand.parse(["--epochs", "one"]).settings() }
        do {
            _ = try PipelineConfig.parse("tune:\n  max_lengths: [1024]\n", path: "adeaug.yaml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("tune.max_lengths must list lengths from 2 to 512"))
        }
        do {
            _ = try PipelineConfig.parse("tune:\n  strategy: grid\n", path: "adeaug.yaml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("tune.strategy is"))
        }
    }
}
