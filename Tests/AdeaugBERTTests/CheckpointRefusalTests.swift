import AdeaugCore
import Foundation
import Testing
@testable import AdeaugBERT

/// Folders adeaug must not load, each refused with an error that names the problem and the
/// way out: other architectures, TensorFlow or Flax weights, broken shard indexes, a
/// `--max-length` past the position embeddings, a vocabulary without its special tokens.
struct CheckpointRefusalTests {
    static func fixture(_ name: String) -> String { CheckpointFamilyTests.fixture(name) }

    /// A scratch copy of `source`'s files (all of them, or `only`), removed by the caller.
    static func copy(_ source: String, only: [String]? = nil) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-refusal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try only ?? FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name)
        }
        return folder
    }

    static func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        ("roberta", "RobertaForMaskedLM"), ("deberta-v2", "DebertaV2ForMaskedLM"), ("distilbert", "DistilBertForMaskedLM"),
        ("electra", "ElectraForPreTraining"), ("modernbert", "ModernBertForMaskedLM"),
    ])
    func otherArchitecturesAreRefusedByName(_ modelType: String, _ architecture: String) throws {
        // A vocab.txt and weights beside the config, so only the architecture can stop it.
        let folder = try Self.copy(Self.fixture("tiny-pretraining"), only: ["vocab.txt", "model.safetensors"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.fixture("tiny-non-bert/\(modelType)") + "/config.json", toPath: folder + "/config.json")
        for attempt in [Self.message { try ModelLocator.resolve(explicit: folder) }, Self.message { try BertCheckpoint.load(directory: folder) }] {
            #expect(attempt.contains("describes a \(modelType) model (\(architecture))"), "\(attempt)")
            #expect(attempt.contains("BertForMaskedLM") && attempt.contains("model_type \"bert\""), "\(attempt)")
        }
        // Without the weights and vocabulary too, the architecture is still what is named.
        let bare = Self.fixture("tiny-non-bert/\(modelType)")
        #expect(Self.message { try ModelLocator.resolve(explicit: bare) }.contains("describes a \(modelType) model"))
    }

    @Test func bertTypeWithAnotherArchitectureIsRefused() throws {
        let folder = try Self.copy(Self.fixture("tiny-pretraining"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/config.json"))) as? [String: Any])
        config["architectures"] = ["RobertaForSequenceClassification"]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: folder + "/config.json"))
        #expect(Self.message { try BertCheckpoint.load(directory: folder) }.contains("RobertaForSequenceClassification"))
    }

    @Test func tensorFlowOnlyFolderSaysHowToConvert() throws {
        let folder = Self.fixture("tiny-tf-only")
        let error = BertModelError.weightsNeedConversion(directory: folder, file: "tf_model.h5", framework: "TensorFlow")
        #expect(throws: error) { try ModelLocator.resolve(explicit: folder) }
        #expect(throws: error) { try BertCheckpoint.load(directory: folder) }
        #expect(error.description.contains("from_tf=True") && error.description.contains("save_pretrained"))
    }

    @Test func flaxOnlyFolderSaysHowToConvert() throws {
        let folder = try Self.copy(Self.fixture("tiny-tf-only"), only: ["config.json", "vocab.txt"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data([0x80]).write(to: URL(fileURLWithPath: folder + "/flax_model.msgpack"))
        let message = Self.message { try ModelLocator.resolve(explicit: folder) }
        #expect(message.contains("flax_model.msgpack") && message.contains("from_flax=True") && message.contains("save_pretrained"), "\(message)")
    }

    @Test func shardedIndexProblemsNameTheShard() throws {
        let folder = try Self.copy(Self.fixture("tiny-classifier-sharded"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: folder + "/model-00002-of-00003.safetensors")
        #expect(Self.message { try BertCheckpoint.load(directory: folder) }.contains("shard model-00002-of-00003.safetensors is missing"))

        try Data("{\"weight_map\": {\"bert.embeddings.word_embeddings.weight\": \"../elsewhere.safetensors\"}}".utf8)
            .write(to: URL(fileURLWithPath: folder + "/model.safetensors.index.json"))
        #expect(Self.message { try BertCheckpoint.load(directory: folder) }.contains("is not a file name in the folder"))

        try Data("[]".utf8).write(to: URL(fileURLWithPath: folder + "/model.safetensors.index.json"))
        #expect(Self.message { try BertCheckpoint.load(directory: folder) }.contains("weight_map"))
    }

    @Test func shardedIndexPointingAtTheWrongShardIsCaught() throws {
        let folder = try Self.copy(Self.fixture("tiny-classifier-sharded"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let indexURL = URL(fileURLWithPath: folder + "/model.safetensors.index.json")
        var index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: indexURL)) as? [String: Any])
        var map = try #require(index["weight_map"] as? [String: String])
        let wrong = map["classifier.weight"] == "model-00001-of-00003.safetensors" ? "model-00002-of-00003.safetensors" : "model-00001-of-00003.safetensors"
        map["classifier.weight"] = wrong
        index["weight_map"] = map
        try JSONSerialization.data(withJSONObject: index).write(to: indexURL)
        #expect(Self.message { try BertCheckpoint.load(directory: folder) }.contains("classifier.weight is mapped to \(wrong), which lacks it"))
    }

    @Test func halfAHeadIsADamagedFileNotABaseModel() throws {
        let source = Self.fixture("tiny-pretraining")
        let network = try BertCheckpoint.load(directory: source)
        let folder = try Self.copy(source, only: ["config.json", "vocab.txt"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var writer = SafeTensorsWriter()
        for tensor in network.layout.tensors where tensor.name != "bert.pooler.dense.bias" && !tensor.name.hasPrefix("classifier.") {
            writer.add(tensor.name, shape: tensor.shape, values: UnsafeBufferPointer(start: network.parameters.pointer + tensor.offset, count: tensor.count))
        }
        try writer.data().write(to: URL(fileURLWithPath: folder + "/model.safetensors"))
        #expect(throws: SafeTensorsError.missingTensor(path: folder + "/model.safetensors", tensor: "bert.pooler.dense.bias")) {
            try BertCheckpoint.load(directory: folder)
        }
    }

    @Test func maxLengthPastThePositionEmbeddingsIsRefused() throws {
        let folder = Self.fixture("tiny-cased-mlm")
        let config = try BertConfig.load(path: folder + "/config.json")
        #expect(config.maxPositionEmbeddings == 16)
        try config.checkMaxLength(16, directory: folder)
        let error = BertModelError.maxLengthTooLong(maxLength: 128, maxPositionEmbeddings: 16, path: folder)
        #expect(throws: error) { try config.checkMaxLength(128, directory: folder) }
        #expect(error.description.contains("--max-length 128") && error.description.contains("max_position_embeddings"))
    }

    @Test func vocabularyLargerThanTheEmbeddingIsRefused() throws {
        let folder = Self.fixture("tiny-cased-mlm")
        let config = try BertConfig.load(path: folder + "/config.json")
        let tokenizer = try BertTokenizer(modelDirectory: folder)
        try config.checkVocabulary(tokenizer.vocabulary, directory: folder)
        let larger = WordPieceVocabulary(tokens: tokenizer.vocabulary.tokens + ["extra"])
        #expect(Self.message { try config.checkVocabulary(larger, directory: folder) }.contains("30 tokens but config.json's vocab_size is 29"))
    }

    @Test func specialTokenNamesComeFromTheSettingsAndMustBeInTheVocabulary() throws {
        let folder = try Self.copy(Self.fixture("tiny-pretraining"), only: ["config.json", "model.safetensors"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("<pad>\n<unk>\n<start>\n<end>\n[MASK]\nrash\n".utf8).write(to: URL(fileURLWithPath: folder + "/vocab.txt"))
        #expect(Self.message { try BertTokenizer(modelDirectory: folder) }.contains("has no [CLS], the cls_token"))
        let config = """
            {"cls_token": "<start>", "sep_token": {"content": "<end>", "lstrip": false}, "unk_token": "<unk>", "model_max_length": 1000000000000000019884624838656}
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: folder + "/tokenizer_config.json"))
        try Data("{\"pad_token\": \"<pad>\"}".utf8).write(to: URL(fileURLWithPath: folder + "/special_tokens_map.json"))
        let tokenizer = try BertTokenizer(modelDirectory: folder)
        #expect(tokenizer.modelMaxLength == nil)
        #expect(tokenizer.encode("rash <end> [MASK] scab") == [2, 5, 3, 4, 1, 3])
        #expect(tokenizer.padID == 0)
    }
}
