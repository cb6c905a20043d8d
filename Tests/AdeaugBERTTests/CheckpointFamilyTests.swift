import Foundation
import Testing
@testable import AdeaugBERT

/// BERT checkpoints as the Hub holds them (masked-LM and pre-training heads, no pooler,
/// sharded safetensors, a cased vocabulary) against what PyTorch and transformers computed
/// from the same folders (Tests/Fixtures/make_tiny_bert_family.py writes them and
/// expected.json).
struct CheckpointFamilyTests {
    static let loadable = ["tiny-cased-mlm", "tiny-pretraining", "tiny-classifier-sharded"]

    static func fixture(_ name: String) -> String {
        Reference.repository.appendingPathComponent("Tests/Fixtures/\(name)").path
    }

    static func expected(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(name) + "/expected.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func flat(_ value: Any?) -> [Float]? {
        (value as? [[NSNumber]])?.flatMap { $0.map(\.floatValue) }
    }

    static func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "\(a.count) values against \(b.count)")
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test(arguments: loadable)
    func tokenizesAsTransformers(_ name: String) throws {
        let expected = try Self.expected(name)
        let tokenizer = try BertTokenizer(modelDirectory: Self.fixture(name))
        let texts = try #require(expected["texts"] as? [String])
        let ids = try #require(expected["input_ids"] as? [[NSNumber]]).map { $0.map(\.int32Value) }
        #expect(texts.map { tokenizer.encode($0) } == ids)
    }

    @Test(arguments: loadable)
    func outputsMatchPyTorchWithin1e5(_ name: String) throws {
        let expected = try Self.expected(name)
        let loaded = try BertCheckpoint.loadReporting(directory: Self.fixture(name))
        let ids = try #require(expected["input_ids"] as? [[NSNumber]]).map { $0.map(\.int32Value) }
        let logits = loaded.network.forward(BertBatch(sequences: ids), dropout: false)
        let cls = try #require(Self.flat(expected["cls_last_hidden"]))
        #expect(Self.maxAbsDifference(loaded.network.clsHidden, cls) < 1e-5, "\(name): [CLS] states")
        if let pooled = Self.flat(expected["pooled"]) {
            #expect(Self.maxAbsDifference(loaded.network.pooled, pooled) < 1e-5, "\(name): pooled")
        }
        if let reference = Self.flat(expected["logits"]) {
            #expect(Self.maxAbsDifference(logits, reference) < 1e-5, "\(name): logits")
        }
    }

    /// The report lists what `from_pretrained` called missing (initialised) and unexpected (ignored).
    @Test(arguments: loadable)
    func reportListsWhatFromPretrainedReports(_ name: String) throws {
        let expected = try Self.expected(name)
        let report = try BertCheckpoint.loadReporting(directory: Self.fixture(name)).report
        #expect(report.initialized.sorted() == (expected["missing_keys"] as? [String]))
        #expect(report.ignored == (expected["unexpected_keys"] as? [String]))
        if report.initialized.isEmpty && report.ignored.isEmpty {
            #expect(report.notice == nil)
        } else {
            let notice = try #require(report.notice)
            for tensor in report.initialized + report.ignored { #expect(notice.contains(tensor)) }
        }
    }

    @Test func maskedLMNoticeNamesThePoolerTheClassifierAndTheIgnoredHead() throws {
        let notice = try #require(try BertCheckpoint.loadReporting(directory: Self.fixture("tiny-cased-mlm")).report.notice)
        #expect(notice.contains("newly initialised") && notice.contains("bert.pooler.dense.weight") && notice.contains("classifier.weight"))
        #expect(notice.contains("ignored") && notice.contains("cls.predictions.transform.dense.weight"))
    }

    /// A fresh pooler is normal(0, initializer_range) with zero bias, fixed by the seed.
    @Test func freshPoolerFollowsInitializerRangeAndSeed() throws {
        let folder = Self.fixture("tiny-cased-mlm")
        let network = try BertCheckpoint.load(directory: folder, seed: 5)
        let weight = try #require(network.parameterValues("bert.pooler.dense.weight"))
        #expect(try #require(network.parameterValues("bert.pooler.dense.bias")).allSatisfy { $0 == 0 })
        let std = (weight.reduce(0) { $0 + $1 * $1 } / Float(weight.count)).squareRoot()
        #expect(network.config.initializerRange == 0.05)
        #expect(abs(std - 0.05) < 0.015, "pooler weight std \(std)")
        #expect(try BertCheckpoint.load(directory: folder, seed: 5).parameterValues("bert.pooler.dense.weight") == weight)
        #expect(try BertCheckpoint.load(directory: folder, seed: 6).parameterValues("bert.pooler.dense.weight") != weight)
        // The pooler's stream is its own: the classifier is the one a base model would get.
        #expect(network.parameterValues("classifier.weight") != Array(weight.prefix(16)))
    }

    @Test func casedSettingsComeFromTokenizerConfig() throws {
        let settings = TokenizerSettings(modelDirectory: Self.fixture("tiny-cased-mlm"))
        #expect(!settings.lowercase && settings.modelMaxLength == 16)
        let tokenizer = try BertTokenizer(modelDirectory: Self.fixture("tiny-cased-mlm"))
        #expect(tokenizer.tokenize("Aspirin aspirin") == ["Aspirin", "aspirin"])
        // tokenizer.json's normalizer when there is no tokenizer_config.json.
        #expect(TokenizerSettings(modelDirectory: Self.fixture("tiny-pretraining")).lowercase)
    }

    /// transformers 5.24 measured: with a tokenizer_config.json lacking do_lower_case,
    /// AutoTokenizer lowercases even when tokenizer.json's normalizer says lowercase false
    /// (the config's default wins); without tokenizer_config.json adeaug reads the normalizer.
    @Test func tokenizerConfigDefaultsOverrideTheNormalizer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-normalizer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let normalizer = #"{"normalizer": {"type": "BertNormalizer", "lowercase": false, "strip_accents": null, "handle_chinese_chars": true, "clean_text": true}}"#
        try Data(normalizer.utf8).write(to: URL(fileURLWithPath: folder + "/tokenizer.json"))
        #expect(!TokenizerSettings(modelDirectory: folder).lowercase)
        try Data(#"{"tokenizer_class": "BertTokenizer"}"#.utf8).write(to: URL(fileURLWithPath: folder + "/tokenizer_config.json"))
        #expect(TokenizerSettings(modelDirectory: folder).lowercase)
    }

    /// Sharded `pytorch_model.bin` (`pytorch_model.bin.index.json`), here one shard holding
    /// the tiny torch.save fixture.
    @Test func readsShardedPytorchModelBin() throws {
        let source = Self.fixture("tiny-torch-bert")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-torch-shards-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["config.json", "vocab.txt"] { try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name) }
        let shard = "pytorch_model-00001-of-00001.bin"
        try FileManager.default.copyItem(atPath: source + "/pytorch_model.bin", toPath: folder + "/" + shard)
        let whole = try BertCheckpoint.load(directory: source)
        var map: [String: String] = [:]
        for tensor in whole.layout.tensors { map[tensor.name] = shard }
        try JSONSerialization.data(withJSONObject: ["metadata": [:], "weight_map": map]).write(to: URL(fileURLWithPath: folder + "/pytorch_model.bin.index.json"))
        #expect(try ModelLocator.resolve(explicit: folder) == folder)
        let loaded = try BertCheckpoint.loadReporting(directory: folder)
        #expect(loaded.report.weightsFile.hasSuffix("pytorch_model.bin.index.json") && loaded.report.notice == nil)
        for tensor in whole.layout.tensors {
            #expect(loaded.network.parameterValues(tensor.name) == whole.parameterValues(tensor.name), "\(tensor.name)")
        }
    }

    /// Old checkpoints converted from TensorFlow name LayerNorm parameters gamma and beta.
    @Test func readsGammaAndBetaLayerNormNames() throws {
        let source = Self.fixture("tiny-classifier-sharded")
        let network = try BertCheckpoint.load(directory: source)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-gamma-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["config.json", "vocab.txt"] {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        var writer = SafeTensorsWriter()
        for tensor in network.layout.tensors {
            let legacy = tensor.name.replacingOccurrences(of: "LayerNorm.weight", with: "LayerNorm.gamma")
                .replacingOccurrences(of: "LayerNorm.bias", with: "LayerNorm.beta")
            writer.add(legacy, shape: tensor.shape, values: UnsafeBufferPointer(start: network.parameters.pointer + tensor.offset, count: tensor.count))
        }
        try writer.data().write(to: folder.appendingPathComponent("model.safetensors"))
        let loaded = try BertCheckpoint.loadReporting(directory: folder.path)
        #expect(loaded.report.initialized.isEmpty && loaded.report.ignored.isEmpty)
        for tensor in network.layout.tensors {
            #expect(loaded.network.parameterValues(tensor.name) == network.parameterValues(tensor.name), "\(tensor.name)")
        }
    }

    /// The all-MiniLM-L6-v2 checkpoint (a sentence-transformers BertModel) has a pooler and no
    /// classifier: only the classifier is new, and nothing is ignored.
    @Test(.enabled(if: Reference.modelAvailable, "needs the all-MiniLM-L6-v2 checkpoint (make setup)"))
    func miniLMInitialisesOnlyTheClassifier() throws {
        let report = try BertCheckpoint.loadReporting(directory: Reference.modelDirectory!).report
        #expect(report.initialized == ["classifier.weight", "classifier.bias"])
        #expect(report.ignored.isEmpty, "\(report.ignored)")
    }
}
