import AdeaugBERT
import AdeaugCore
import Foundation
import Testing

/// A checkpoint written from an encrypted workspace (every file sealed) is served with the key
/// options every command has, and refused without them.
@Suite struct ServeSealedModelTests {
    @Test func sealedCheckpointLoadsWithTheKeyFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-sealed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model")
        let key = EncryptionKey.generate()
        // As `adeaug train` exports from an encrypted workspace: safetensors, config, vocabulary, all sealed.
        let network = try BertCheckpoint.load(directory: ServeProcess.tinyModel)
        try BertCheckpoint.export(
            network, tokenizerSource: ServeProcess.tinyModel, to: model.path, labelNames: BertWorkflow.labelNames, files: OutputFiles(key: key))
        let keyFile = folder.appendingPathComponent("model.key")
        FileManager.default.createFile(atPath: keyFile.path, contents: Data(key.base64.utf8), attributes: [.posixPermissions: 0o600])

        let withoutKey = try ServeProcess(model: model.path)
        #expect(await withoutKey.waitForExit(seconds: 30).map { $0 != 0 } == true, "served a sealed model without its key")

        let server = try ServeProcess(["--key-file", keyFile.path], model: model.path)
        try await server.waitUntilReady()
        #expect(try await server.invoke(#"{"inputs": "rash after aspirin"}"#).status == 200)
    }
}
