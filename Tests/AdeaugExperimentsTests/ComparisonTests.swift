import AdeaugCore
import AdeaugExperiments
import Foundation
import Testing

@Suite struct ComparisonTests {
    /// A toy corpus where "caused"/"induced" mark adverse events.
    func corpus() -> (train: [Example], test: [Example]) {
        let positiveTemplates = ["%@ caused severe rash.", "Hepatitis induced by %@ was reported.", "%@ caused seizures in a child."]
        let negativeTemplates = ["%@ was given for pain.", "The patient received %@ daily.", "%@ levels were measured.", "Treatment with %@ continued."]
        let drugs = ["aspirin", "warfarin", "lithium", "heparin", "insulin", "digoxin", "phenytoin", "amiodarone"]
        var examples: [Example] = []
        var id: Int64 = 0
        for (d, drug) in drugs.enumerated() {
            for template in positiveTemplates + negativeTemplates {
                id += 1
                let label: Label = positiveTemplates.contains(template) ? .adverseEvent : .notAdverseEvent
                examples.append(Example(
                    id: id, text: String(format: template, drug), label: label, split: d < 6 ? .train : .test,
                    pmids: ["\(d)"], source: SourceLocation(file: "toy", line: Int(id)), rowCount: 1))
            }
        }
        return (examples.filter { $0.split == .train }, examples.filter { $0.split == .test })
    }

    @Test func comparesConditionsResumesAndWritesTheReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-cmp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try Workspace(directory: folder.appendingPathComponent("ws").path, create: true)
        let (train, test) = corpus()
        let baseline = try Rebalancer(recipe: RebalanceRecipe(strategy: .none)).build(training: train)
        let oversampled = try Rebalancer(recipe: RebalanceRecipe(strategy: .oversample, target: .positiveShare(0.5))).build(training: train)
        let store = try TrainingSetStore(workspace: workspace)
        try store.save(oversampled, arguments: ["test"])
        #expect(try store.load(name: oversampled.recipe.name).items == oversampled.items)

        let trainer = NaiveBayesTrainer()
        let conditions = [ComparisonCondition(name: "baseline", trainingSet: baseline), ComparisonCondition(name: "oversample", trainingSet: oversampled)]
        let first = try ComparisonRunner(workspace: workspace, trainer: trainer)
            .run(protocolName: "clean", conditions: conditions, seeds: [1, 2, 3], test: test, arguments: [])
        #expect(trainer.trainingCalls == 6)
        #expect(first.conditions.count == 2)
        #expect(first.conditions[0].differenceToBaseline == nil)
        #expect(first.conditions[1].differenceToBaseline != nil)
        #expect(first.conditions[0].f1.values.count == 3)
        #expect(first.conditions[0].f1.mean > 0.8)  // the toy task is easy

        // A second run finds every training run in the workspace and repeats none.
        let again = try ComparisonRunner(workspace: workspace, trainer: trainer)
            .run(protocolName: "clean", conditions: conditions, seeds: [1, 2, 3], test: test, arguments: [])
        #expect(trainer.trainingCalls == 6)
        #expect(again.conditions[1].f1 == first.conditions[1].f1)

        let reportPath = try ComparisonReport(results: [first]).write(to: folder.appendingPathComponent("report").path)
        let markdown = try String(contentsOfFile: reportPath, encoding: .utf8)
        #expect(markdown.contains("| Protocol | Model | Precision | Recall | F1@0.5 |"))
        #expect(markdown.contains("| clean | oversample |"))
        for plot in ["f1.svg", "precision-recall.svg", "loss.svg", "class-balance.svg"] {
            let svg = try String(contentsOfFile: folder.appendingPathComponent("report/\(plot)").path, encoding: .utf8)
            #expect(svg.hasPrefix("<svg"))
            #expect(svg.contains("</svg>"))
        }
        let json = try String(contentsOfFile: folder.appendingPathComponent("report/report.json").path, encoding: .utf8)
        #expect(json.contains("\"protocolName\" : \"clean\""))
    }
}
