import AdeaugCore
import Foundation
import Testing
@testable import AdeaugBERT

/// The `train` command's library entry from a masked-LM checkpoint (no pooler, no classifier,
/// an MLM head): it trains, reports the initialised and ignored tensors once, and exports a
/// complete `BertForSequenceClassification` folder.
struct TrainFromMaskedLMTests {
    /// A workspace with a small labelled train split, closed again so the workflow can lock it.
    static func workspace() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-mlm-train-\(UUID().uuidString)").path
        let workspace = try Workspace(directory: directory, create: true)
        let sentences = [
            ("The Patient had Nausea after aspirin.", Label.adverseEvent), ("Aspirin caused a rash, the patient said", .adverseEvent),
            ("The patient said", .notAdverseEvent), ("The Patient had aspirin.", .notAdverseEvent),
        ]
        try workspace.database.transaction {
            let run = try workspace.recordRun(command: "test", arguments: [])
            let examples = (0..<12).map { index in
                let (text, label) = sentences[index % sentences.count]
                return NewExample(
                    text: text, normalized: text.lowercased(), label: label, split: .train, pmids: [],
                    source: SourceLocation(file: "test", line: index + 1), rowCount: 1)
            }
            try workspace.replaceExamples(examples, runID: run)
        }
        return directory
    }

    static func settings(maxLength: Int) -> TrainingSettings {
        var settings = TrainingSettings.fineTune
        settings.maxLength = maxLength
        settings.batchSize = 4
        settings.epochs = 1
        settings.validationFraction = 0
        return settings
    }

    @Test func trainsAndExportsACompleteSequenceClassifier() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = CheckpointFamilyTests.fixture("tiny-cased-mlm")
        let output = directory + "/exported"
        var notices: [String] = []
        let result = try BertWorkflow.train(
            workspace: WorkspaceLocation(directory: directory), model: model, output: output,
            options: Self.settings(maxLength: 16), arguments: [], loaded: { notices.append($0.notice ?? "") })
        #expect(notices.count == 1)
        #expect(notices.first?.contains("bert.pooler.dense.weight") == true && notices.first?.contains("cls.predictions.bias") == true)
        #expect(result.loadReport.initialized == ["bert.pooler.dense.weight", "bert.pooler.dense.bias", "classifier.weight", "classifier.bias"])
        #expect(result.report.steps.count == 3)

        // The export has every BertForSequenceClassification tensor, named and shaped as transformers saves them.
        let exported = try SafeTensorsFile(path: output + "/model.safetensors")
        let layout = ParameterLayout(config: try BertConfig.load(path: model + "/config.json"), numLabels: 2)
        #expect(Set(exported.tensors.keys) == Set(layout.tensors.map(\.name)))
        for tensor in layout.tensors { #expect(exported.tensors[tensor.name]?.shape == tensor.shape, "\(tensor.name)") }
        let config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/config.json"))) as? [String: Any])
        #expect(config["architectures"] as? [String] == ["BertForSequenceClassification"])
        #expect(config["max_position_embeddings"] as? Int == 16)
        // The cased tokenizer settings travel with the export.
        #expect(TokenizerSettings(modelDirectory: output).lowercase == false)

        // Reloaded, the export is complete: nothing new, nothing ignored.
        let reloaded = try BertCheckpoint.loadReporting(directory: output)
        #expect(reloaded.report.notice == nil)
    }

    @Test func maxLengthPastThePositionsStopsBeforeTraining() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = CheckpointFamilyTests.fixture("tiny-cased-mlm")
        #expect(throws: BertModelError.maxLengthTooLong(maxLength: 128, maxPositionEmbeddings: 16, path: model)) {
            try BertWorkflow.train(
                workspace: WorkspaceLocation(directory: directory), model: model, output: directory + "/exported",
                options: Self.settings(maxLength: 128), arguments: [])
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/exported"))
    }
}
