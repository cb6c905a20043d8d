import AdeaugCore
import Foundation
import Testing
@testable import AdeaugBERT

/// A checkpoint written from an encrypted workspace: every file sealed, loadable with the key only.
struct SealedCheckpointTests {
    @Test(.enabled(if: Reference.modelAvailable, "needs the all-MiniLM-L6-v2 checkpoint (make setup)"))
    func sealedCheckpointsHoldNoClearFilesAndLoadOnlyWithTheKey() throws {
        let network = try BertCheckpoint.load(directory: Reference.modelDirectory!)
        let root = CheckpointExportTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/model"
        let key = EncryptionKey.generate()
        try BertCheckpoint.export(
            network, tokenizerSource: Reference.modelDirectory!, to: folder, labelNames: BertWorkflow.labelNames,
            extraFiles: ["training_log.json": Data(#"{"loss": 0.1}"#.utf8)], files: OutputFiles(key: key))

        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.contains("model.safetensors.enc") && names.contains("config.json.enc") && names.contains("vocab.txt.enc"))
        #expect(names.allSatisfy { $0.hasSuffix(".enc") })
        let config = try Data(contentsOf: URL(fileURLWithPath: folder + "/config.json.enc"))
        #expect(config.range(of: Data("Adverse_Event".utf8)) == nil)

        #expect(try ModelLocator.resolve(explicit: folder) == folder)
        let reloaded = try BertCheckpoint.load(directory: folder, files: OutputFiles(key: key))
        #expect(reloaded.parameters.buffer.elementsEqual(network.parameters.buffer))
        let tokenizer = try BertTokenizer(modelDirectory: folder, files: OutputFiles(key: key))
        let plain = try BertTokenizer(modelDirectory: Reference.modelDirectory!)
        #expect(tokenizer.encode("Methotrexate-induced pneumonitis.") == plain.encode("Methotrexate-induced pneumonitis."))

        #expect(throws: OutputFilesError.self) { try BertCheckpoint.load(directory: folder) }
        #expect(throws: EncryptedFileError.self) { try BertCheckpoint.load(directory: folder, files: OutputFiles(key: EncryptionKey.generate())) }
    }
}
