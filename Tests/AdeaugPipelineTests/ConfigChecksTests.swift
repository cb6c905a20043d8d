import AdeaugPipeline
import Foundation
import Logging
import Testing

/// What a config cannot deliver is said when it is read, before any request is sent.
@Suite struct ConfigChecksTests {
    @Test func noLocalServerAndNoURLIsAnError() throws {
        do {
            _ = try PipelineConfig.parse("generation:\n  local_server: false\n", path: "adeaug.yaml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix("adeaug.yaml: generation.url is not set and generation.local_server is false"))
        }
        // With a URL, or with generation off, the same setting is fine.
        _ = try PipelineConfig.parse("generation:\n  local_server: false\n  url: http://127.0.0.1:9\n", path: "adeaug.yaml")
        _ = try PipelineConfig.parse("generation:\n  local_server: false\n  enabled: false\n", path: "adeaug.yaml")
        // SageMaker's URL comes from the endpoint name and region.
        _ = try PipelineConfig.parse(
            "generation:\n  local_server: false\n  endpoint: sagemaker\n  sagemaker_endpoint: falcon\n  region: us-east-1\n", path: "adeaug.yaml")
    }

    /// `run` refuses the same config before it touches the workspace or starts a server.
    @Test func runRefusesItBeforeAnyStep() throws {
        var config = PipelineConfig()
        config.generation.localServer = false
        config.workspace = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString)").path
        #expect(throws: (any Error).self) { try PipelineRunner(config: config, logger: Logger(label: "test")).run(arguments: []) }
        #expect(!FileManager.default.fileExists(atPath: config.workspace))
    }

    /// `run` generates for rebalance.count (one home for how many positives every strategy
    /// adds): the defaults agree, a cap below it is said before any request.
    @Test func runGeneratesForTheRebalanceCount() throws {
        let config = PipelineConfig()
        #expect(config.shortfalls.isEmpty)
        #expect(config.generationTarget == config.rebalance.count)
        var more = config
        more.rebalance.count = 300
        #expect(more.generationTarget == 300)
        #expect(more.shortfalls.isEmpty)
        var capped = more
        capped.generation.maxRequests = 50
        #expect(capped.shortfalls.first?.contains("generation.max_requests (50) is below rebalance.count (300)") == true)
        #expect(capped.shortfalls.first?.contains("equal counts") == true)
        var offline = config
        offline.generation.enabled = false
        #expect(offline.shortfalls.first?.contains("every strategy adds only that many") == true)
        // A learning curve that asks for more than generation brings is said too (+300% of 200).
        var curve = config
        curve.compare.learningCurve.added = [.shareOfReal(3)]
        #expect(curve.shortfalls.first?.contains("compare.learning_curve asks for up to 600 added positives") == true)
        // Without synthetic, or at a share instead of a count, generation.target stays the target.
        var shares = config
        shares.rebalance.count = nil
        shares.generation.target = 40
        #expect(shares.generationTarget == 40)
    }

    @Test func aTargetThatContradictsTheCountIsRefused() throws {
        do {
            _ = try PipelineConfig.parse("generation:\n  target: 150\nrebalance:\n  count: 300\n", path: "a.yaml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix("a.yaml: generation.target is rebalance.count (300) in run"))
        }
        _ = try PipelineConfig.parse("generation:\n  target: 300\nrebalance:\n  count: 300\n", path: "a.yaml")
        _ = try PipelineConfig.parse("generation:\n  target: 150\nrebalance:\n  count: null\n  ratio: 0.5\n", path: "a.yaml")
    }

    @Test func budgetsNeedTheirPrices() {
        func message(_ yaml: String) -> String {
            do {
                _ = try PipelineConfig.parse(yaml, path: "a.yaml")
                return ""
            } catch { return "\(error)" }
        }
        #expect(message("generation:\n  budget_money: 2.5\n") == "a.yaml: generation.budget_money needs both prices per thousand tokens, input and output.")
        #expect(message("generation:\n  price_per_thousand_input_tokens: 0.5\n").hasPrefix("a.yaml: generation.price_per_thousand_output_tokens is needed too"))
        #expect(message("generation:\n  budget_tokens: 1000\n  budget_money: 1\n  price_per_thousand_input_tokens: 1\n  price_per_thousand_output_tokens: 1\n").contains("give one budget"))
        #expect(message("generation:\n  budget_money: 1\n  price_per_thousand_input_tokens: 1\n  price_per_thousand_output_tokens: 2\n") == "")
    }

    @Test func enumsAndTypesAreNamedInConfigWords() {
        func message(_ yaml: String) -> String {
            do {
                _ = try PipelineConfig.parse(yaml, path: "a.yaml")
                return ""
            } catch { return "\(error)" }
        }
        #expect(message("compare:\n  protocol: leaky\n") == "a.yaml: compare.protocol is clean, published or both, not leaky")
        #expect(message("generation:\n  endpoint: falcon\n") == "a.yaml: generation.endpoint is tgi, openai, openai-chat or sagemaker, not falcon")
        #expect(message("compare:\n  training:\n    preset: fast\n") == "a.yaml: compare.training.preset is linear_probe or fine_tune, not fast")
        #expect(message("generation:\n  traget: 5\n").contains("unknown key \"traget\" in generation (did you mean \"target\"?)"))
        #expect(message("compare:\n  seeds: many\n").hasPrefix("a.yaml: compare.seeds must be a whole number"))
        #expect(message("rebalance:\n  strategies: [synthetic, smote]\n").contains("rebalance.strategies[1]"))
    }
}

@Suite struct ConfigChoiceTests {
    func message(_ yaml: String) -> String {
        do {
            _ = try PipelineConfig.parse(yaml, path: "a.yaml")
            return ""
        } catch { return "\(error)" }
    }

    /// Optional settings and lists name their valid values too (their default says nothing).
    @Test func optionalAndListChoicesNameTheValidValues() {
        #expect(message("corpus:\n  split: random\n") == "a.yaml: corpus.split is stratified, grouped, rows or given, not random")
        #expect(message("rebalance:\n  strategies: [synthetic, smote]\n") == "a.yaml: rebalance.strategies[1] is synthetic, synthetic-negatives, oversample, eda or none, not smote")
    }

    @Test func sageMakerWithoutAnEndpointNameIsRefusedWhenRead() {
        #expect(message("generation:\n  endpoint: sagemaker\n").hasPrefix("a.yaml: generation.sagemaker_endpoint is needed"))
    }

    @Test func negativeGenerationDoesNotApplyToRun() {
        #expect(message("generation:\n  negative: true\n").hasPrefix("a.yaml: generation.negative does not apply to run"))
    }
}
