import Foundation
import Testing
@testable import AdeaugBERT

struct CheckpointExportTests {
    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "adeaug-bert-test-\(UUID().uuidString)"
    }

    @Test(.enabled(if: Reference.modelAvailable, "needs the all-MiniLM-L6-v2 checkpoint (make setup)"))
    func exportHasHuggingFaceNamesAndShapesAndRoundTrips() throws {
        let network = try BertCheckpoint.load(directory: Reference.modelDirectory!)
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/model"
        try BertCheckpoint.export(network, tokenizerSource: Reference.modelDirectory!, to: folder, labelNames: BertWorkflow.labelNames)

        let expected = try Reference.json("tensors.json") as! [String: [NSNumber]]
        let file = try SafeTensorsFile(path: folder + "/model.safetensors")
        #expect(Set(file.tensors.keys) == Set(expected.keys))
        for (name, shape) in expected {
            #expect(file.tensors[name]?.shape == shape.map(\.intValue), "\(name)")
        }
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/config.json"))) as! [String: Any]
        #expect(config["architectures"] as? [String] == ["BertForSequenceClassification"])
        #expect(config["id2label"] as? [String: String] == ["0": "Not_AE", "1": "Adverse_Event"])
        #expect(config["label2id"] as? [String: Int] == ["Not_AE": 0, "Adverse_Event": 1])
        for name in ["vocab.txt", "tokenizer.json", "tokenizer_config.json"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/model.safetensors")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        // Nothing half-written is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["model"])

        let reloaded = try BertCheckpoint.load(directory: folder)
        #expect(reloaded.parameters.buffer.elementsEqual(network.parameters.buffer))
    }

    @Test func corruptFilesGetErrorsNamingTheProblem() throws {
        let root = Self.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var writer = SafeTensorsWriter()
        let values: [Float] = [1, 2, 3, 4, 5, 6]
        let data = values.withUnsafeBufferPointer { buffer -> Data in
            writer.add("a.weight", shape: [2, 3], values: buffer)
            return writer.data()
        }
        let good = try SafeTensorsFile(data: data, path: "good")
        #expect(try good.floats("a.weight", shape: [2, 3]) == values)
        #expect(throws: SafeTensorsError.missingTensor(path: "good", tensor: "b.weight")) { try good.floats("b.weight") }
        #expect(throws: SafeTensorsError.wrongShape(path: "good", tensor: "a.weight", expected: [3, 2], found: [2, 3])) {
            try good.floats("a.weight", shape: [3, 2])
        }
        #expect(throws: SafeTensorsError.truncatedHeader(path: "short", fileSize: 4)) { try SafeTensorsFile(data: Data([1, 0, 0, 0]), path: "short") }
        do {
            _ = try SafeTensorsFile(data: data.prefix(data.count - 4), path: "cut")
            Issue.record("a truncated file loaded")
        } catch let error {
            #expect(error.description.contains("a.weight") && error.description.contains("truncated"), "\(error)")
        }
        var badHeader = data
        badHeader[8] = UInt8(ascii: "x")
        #expect(throws: SafeTensorsError.self) { try SafeTensorsFile(data: badHeader, path: "bad") }
        #expect(SafeTensorsFile.halfToFloat(0x3C00) == 1 && SafeTensorsFile.halfToFloat(0xC000) == -2)
    }
}
