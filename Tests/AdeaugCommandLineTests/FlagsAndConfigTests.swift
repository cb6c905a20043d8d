import AdeaugBERT
import AdeaugContamination
import AdeaugCore
import AdeaugCorpus
import AdeaugGeneration
import AdeaugPipeline
import Foundation
import Testing

@testable import adeaug

/// For every stage: the command's flags and the equivalent adeaug.yaml build equal settings,
/// and so equal run fingerprints (which decide whether stored runs are reused).
@Suite struct FlagsAndConfigTests {
    static func config(_ yaml: String) throws -> PipelineConfig { try PipelineConfig.parse(yaml, path: "adeaug.yaml") }

    /// A checkpoint folder that exists, so the trainer's fingerprint can be built.
    static let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/tiny-torch-bert").path

    @Test func ingest() throws {
        let flags = try IngestCommand.parse(["--corpus", "corpora/x", "--split", "grouped", "--test-fraction", "0.3", "--seed", "7"]).settings()
        let yaml = try Self.config("corpus:\n  path: corpora/x\n  split: grouped\n  test_fraction: 0.3\n  seed: 7\n").corpus
        #expect(flags == yaml)
        #expect(flags.ingestOptions(corpusPath: "p") == yaml.ingestOptions(corpusPath: "p"))
        #expect(try IngestCommand.parse([]).settings() == PipelineConfig().corpus)
    }

    @Test func generate() throws {
        let flags = try GenerateCommand.parse([
            "--endpoint", "tgi", "--url", "https://tgi.example/", "--model", "falcon", "--target", "250", "--max-requests", "400",
            "--concurrency", "8", "--seed", "9", "--temperature", "0.7", "--top-p", "0.95", "--stop", "###", "--request-timeout", "60",
            "--token-env", "MY_TOKEN", "--redact", "--no-preflight", "--budget-money", "12.5",
            "--price-per-thousand-input-tokens", "0.5", "--price-per-thousand-output-tokens", "1.5",
        ]).settings()
        let yaml = try Self.config("""
            generation:
              endpoint: tgi
              url: https://tgi.example/
              model: falcon
              target: 250
              max_requests: 400
              concurrency: 8
              seed: 9
              temperature: 0.7
              top_p: 0.95
              stop: ["###"]
              request_timeout: 60
              token_env: MY_TOKEN
              redact: true
              preflight: false
              budget_money: 12.5
              price_per_thousand_input_tokens: 0.5
              price_per_thousand_output_tokens: 1.5
            rebalance:
              count: 250                 # run's target is rebalance.count: the two agree
            """).generation.settings
        #expect(flags == yaml)
        #expect(try GenerateCommand.parse([]).settings() == PipelineConfig().generation.settings)
    }

    @Test func check() throws {
        let flags = try CheckCommand.parse(["--index", "web.sqlite", "--pretraining-threshold", "0.3"]).settings()
        let yaml = try Self.config("check:\n  index: web.sqlite\n  pretraining_threshold: 0.3\n").check
        #expect(flags == yaml)
        #expect(try CheckCommand.parse([]).settings() == PipelineConfig().check)
    }

    @Test func rebalance() throws {
        let flags = try RebalanceCommand.parse(["--strategy", "eda", "--count", "50", "--train-positives", "100", "--no-label-filter", "--seed", "3"]).settings()
        var yaml = try Self.config("rebalance:\n  count: 50\n  train_positives: 100\n  label_filter: null\n  seed: 3\n").rebalance
        yaml.strategies = [.eda]
        #expect(flags == yaml)
        #expect(flags.recipe(for: .eda) == yaml.recipe(for: .eda))
        let defaults = try RebalanceCommand.parse(["--strategy", "synthetic"]).settings()
        #expect(defaults.recipe(for: .synthetic) == PipelineConfig().rebalance.recipe(for: .synthetic))
    }

    @Test func compareFrozenEncoder() throws {
        let flags = try CompareCommand.parse(["--freeze-encoder", "--seeds", "2", "--epochs", "7", "--lr", "0.002", "--no-class-weights", "--model", Self.model]).settings()
        let yaml = try Self.config("""
            compare:
              seeds: 2
              model: \(Self.model)
              training:
                epochs: 7
                learning_rate: 0.002
                class_weights: false
            """).compare
        #expect(flags.comparison == yaml)
        #expect(flags.training == yaml.training)
        let fromFlags = try BertClassifierTrainer(comparison: flags.comparison, training: flags.training)
        let fromYAML = try BertClassifierTrainer(comparison: yaml, training: yaml.training)
        #expect(fromFlags.fingerprint == fromYAML.fingerprint)
    }

    /// `adeaug compare --freeze-encoder` on its defaults trains exactly as `adeaug run` does, so
    /// it finds the runs `run` stored instead of training new ones.
    @Test func compareLearningCurve() throws {
        let flags = try CompareCommand.parse(["--freeze-encoder", "--learning-curve", "--real-positives", "50, all", "--added", "+300%,200", "--model", Self.model]).settings()
        let yaml = try Self.config("""
            compare:
              model: \(Self.model)
              learning_curve:
                real_positives: [50, all]
                added: ["+300%", 200]
            """).compare
        #expect(flags.comparison == yaml)
        #expect(throws: InvalidSetting("added", "lists shares such as +100% or counts such as 200, not 0")) {
            try CompareCommand.parse(["--added", "0", "--model", Self.model]).settings()
        }
    }

    @Test func compareOnDefaultsMatchesRun() throws {
        var run = PipelineConfig()
        run.compare.model = Self.model
        let flags = try CompareCommand.parse(["--freeze-encoder", "--model", Self.model]).settings()
        #expect(flags.training == run.compare.training)
        #expect(try BertClassifierTrainer(comparison: flags.comparison, training: flags.training).fingerprint
            == BertClassifierTrainer(comparison: run.compare, training: run.compare.training).fingerprint)
        // Without --freeze-encoder: the fine-tuned pair of `run` (linear probe first).
        let fine = try CompareCommand.parse(["--model", Self.model]).settings()
        #expect(try BertClassifierTrainer(comparison: fine.comparison, training: fine.training).fingerprint
            == BertClassifierTrainer(comparison: run.compare, training: run.compare.fullFineTune).fingerprint)
    }

    @Test func compareFineTunePreset() throws {
        let flags = try CompareCommand.parse(["--epochs", "2", "--batch-size", "16", "--class-weight-divisor", "total_weight", "--model", Self.model]).settings()
        let yaml = try Self.config("""
            compare:
              model: \(Self.model)
              full_fine_tune:
                preset: fine_tune
                epochs: 2
                batch_size: 16
                class_weights: true
                class_weight_divisor: total_weight
            """).compare
        #expect(flags.comparison == yaml)
        #expect(flags.training == yaml.fullFineTune)
    }

    /// `train` starts from the named presets; the same words give the same values everywhere.
    @Test func trainUsesThePresets() throws {
        #expect(try TrainCommand.parse([]).settings() == TrainingSettings.fineTune)
        #expect(try TrainCommand.parse(["--freeze-encoder"]).settings() == TrainingSettings.linearProbe)
        var expected = TrainingSettings.linearProbe
        expected.epochs = 9
        expected.classWeights = true
        #expect(try TrainCommand.parse(["--freeze-encoder", "--epochs", "9", "--class-weights"]).settings() == expected)
        let yaml = try Self.config("compare:\n  training:\n    preset: linear_probe\n    epochs: 9\n    class_weights: true\n    class_weight_divisor: total_weight\n")
        #expect(yaml.compare.training == expected)
    }

    /// Gradient checkpointing has one home (`TrainingSettings.gradientCheckpointing`), off by
    /// default, reached by the flag and by the config key of every training section.
    @Test func gradientCheckpointingIsOneSetting() throws {
        #expect(TrainingSettings.fineTune.gradientCheckpointing == false)
        #expect(try TrainCommand.parse(["--gradient-checkpointing"]).settings().gradientCheckpointing)
        #expect(try TrainCommand.parse(["--no-gradient-checkpointing"]).settings().gradientCheckpointing == false)
        let yaml = try Self.config("compare:\n  full_fine_tune:\n    preset: fine_tune\n    gradient_checkpointing: true\n")
        #expect(yaml.compare.fullFineTune.gradientCheckpointing)
        #expect(yaml.compare.training.gradientCheckpointing == false)
    }

    @Test func flagErrorsSpeakFlagsAndConfigErrorsSpeakConfig() throws {
        #expect(throws: (any Error).self) { try TrainCommand.parse(["--batch-size", "0"]).settings() }
        do {
            _ = try TrainCommand.parse(["--batch-size", "0"]).settings()
        } catch {
            #expect(TrainCommand.message(for: error).contains("--batch-size must be at least 1"))
        }
        do {
            _ = try Self.config("compare:\n  training:\n    batch_size: 0\n")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "adeaug.yaml: compare.training.batch_size must be at least 1.")
        }
    }
}
