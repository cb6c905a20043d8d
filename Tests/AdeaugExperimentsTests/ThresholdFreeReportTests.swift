import AdeaugCore
import AdeaugExperiments
import Foundation
import Testing

/// The report's scores that do not hinge on the 0.5 threshold: AP with its interval and paired
/// difference, F1 at validation-chosen thresholds, and the headline saying which one moved.
@Suite struct ThresholdFreeReportTests {
    @Test func reportsAPAndValidationThresholdF1AndSaysWhatMoved() throws {
        let comparison = DemoLikeComparison()
        defer { comparison.remove() }
        let result = try #require(try comparison.run(protocols: ["clean"]).first)
        for outcome in result.conditions {
            #expect(outcome.averagePrecision.values.count == 3)
            #expect(outcome.averagePrecisionInterval.lower <= outcome.averagePrecisionInterval.estimate)
            #expect(outcome.averagePrecisionInterval.estimate <= outcome.averagePrecisionInterval.upper)
            #expect((outcome.name == "baseline") == (outcome.averagePrecisionDifference == nil))
            // Oversampling copies (nearly) every real positive into training: no held-out
            // positive is usable, so no threshold is chosen (n/a) rather than one tuned on learnt copies.
            if outcome.name.hasPrefix("oversample") {
                #expect(outcome.validationThresholdF1 == nil)
                continue
            }
            let tuned = try #require(outcome.validationThresholdF1, "\(outcome.name) has no validation-threshold F1")
            #expect(tuned.thresholds.count == 3)
            #expect((outcome.name == "baseline") == (tuned.differenceToBaseline == nil))
        }
        // The trainer shifts probabilities with the training prior: thresholds fitted on the
        // validation slice follow, so the EDA set (25% positive) gets a higher one than the baseline.
        let baseline = try #require(result.conditions.first { $0.name == "baseline" }?.validationThresholdF1)
        let eda = try #require(result.conditions.first { $0.name == "eda" }?.validationThresholdF1)
        #expect(eda.thresholds.reduce(0, +) > baseline.thresholds.reduce(0, +))

        let markdown = ComparisonReport(results: [result]).markdown
        #expect(markdown.contains("| Protocol | Model | AP | AP 95% CI | ΔAP vs baseline [95% CI] | F1@val |"))
        let headline = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("- clean: **eda vs baseline**") })
        #expect(headline.contains("ΔF1@0.5 +"))
        #expect(headline.contains("ΔAP "))
        #expect(!headline.contains("ΔF1@validation threshold n/a"))
        #expect(markdown.contains("- clean: **oversample vs baseline**: ΔF1@0.5 "))
    }

    @Test func onlyRealSentencesTheModelDidNotTrainOnChooseTheThreshold() {
        let training = [
            TrainingItem(text: "a", label: .adverseEvent, origin: .real, sourceID: 1),
            TrainingItem(text: "b", label: .notAdverseEvent, origin: .real, sourceID: 2),
            TrainingItem(text: "c", label: .adverseEvent, origin: .real, sourceID: 3),
            TrainingItem(text: "a", label: .adverseEvent, origin: .oversampled, sourceID: 1),
            TrainingItem(text: "c x", label: .adverseEvent, origin: .eda, sourceID: 3),
            TrainingItem(text: "c", label: .adverseEvent, origin: .oversampled, sourceID: 3),
        ]
        // Held out: "a" (its copy at 3 was trained on), "b" (usable), the EDA variant 4 (not
        // real), and the copy 5 of "c" ("c" itself was trained on).
        #expect(ValidationSlice.usablePositions(training: training, heldOut: [0, 1, 4, 5]) == [1])
        // With "c" and its copy both held out, "c" is usable and its copy is not.
        #expect(ValidationSlice.usablePositions(training: training, heldOut: [1, 2, 5]) == [1, 2])
    }

    @Test func runsStoredBeforeValidationSlicesLoadAndShowNA() throws {
        // A run as stored before TrainedRun had `validation`.
        let stored = #"{"probabilities":[0.25,0.75],"lossPerEpoch":[0.5],"trainingSeconds":2}"#
        let run = try JSONText.decode(TrainedRun.self, from: stored)
        #expect(run.probabilities == [0.25, 0.75])
        #expect(run.validation == nil)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-na-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try Workspace(directory: folder.path, create: true)
        let (train, test) = ComparisonTests().corpus()
        let baseline = try Rebalancer(recipe: RebalanceRecipe(strategy: .none)).build(training: train)
        let oversampled = try Rebalancer(recipe: RebalanceRecipe(strategy: .oversample)).build(training: train)
        var runner = try ComparisonRunner(workspace: workspace, trainer: NaiveBayesTrainer())
        runner.bootstrap = Bootstrap(resamples: 100)
        let result = try runner.run(
            protocolName: "clean", conditions: [ComparisonCondition(name: "baseline", trainingSet: baseline), ComparisonCondition(name: "oversample", trainingSet: oversampled)],
            seeds: [1, 2], test: test, arguments: [])
        #expect(result.conditions.allSatisfy { $0.validationThresholdF1 == nil })
        #expect(result.conditions[1].averagePrecisionDifference != nil)
        let markdown = ComparisonReport(results: [result]).markdown
        #expect(markdown.contains("ΔF1@validation threshold n/a"))
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| clean | oversample |") && $0.contains("n/a") })
        #expect(row.hasSuffix("| n/a | n/a | n/a | n/a |"))
    }
}
