import AdeaugCore
import Foundation

/// The fields of a Hugging Face BERT `config.json` that the model needs.
public struct BertConfig: Sendable, Equatable, Codable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    public var typeVocabSize: Int
    public var layerNormEps: Float
    public var hiddenDropoutProb: Float
    public var attentionProbsDropoutProb: Float
    public var hiddenAct: String
    /// Standard deviation of the normal initialisation of a new pooler or classifier.
    public var initializerRange: Float

    public init(
        vocabSize: Int, hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int,
        intermediateSize: Int, maxPositionEmbeddings: Int = 512, typeVocabSize: Int = 2,
        layerNormEps: Float = 1e-12, hiddenDropoutProb: Float = 0.1,
        attentionProbsDropoutProb: Float = 0.1, hiddenAct: String = "gelu", initializerRange: Float = 0.02
    ) {
        self.vocabSize = vocabSize
        self.hiddenSize = hiddenSize
        self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads
        self.intermediateSize = intermediateSize
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.typeVocabSize = typeVocabSize
        self.layerNormEps = layerNormEps
        self.hiddenDropoutProb = hiddenDropoutProb
        self.attentionProbsDropoutProb = attentionProbsDropoutProb
        self.hiddenAct = hiddenAct
        self.initializerRange = initializerRange
    }

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size"
        case hiddenSize = "hidden_size"
        case numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case maxPositionEmbeddings = "max_position_embeddings"
        case typeVocabSize = "type_vocab_size"
        case layerNormEps = "layer_norm_eps"
        case hiddenDropoutProb = "hidden_dropout_prob"
        case attentionProbsDropoutProb = "attention_probs_dropout_prob"
        case hiddenAct = "hidden_act"
        case initializerRange = "initializer_range"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabSize = try c.decode(Int.self, forKey: .vocabSize)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        numHiddenLayers = try c.decode(Int.self, forKey: .numHiddenLayers)
        numAttentionHeads = try c.decode(Int.self, forKey: .numAttentionHeads)
        intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
        maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? 512
        typeVocabSize = try c.decodeIfPresent(Int.self, forKey: .typeVocabSize) ?? 2
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? 1e-12
        hiddenDropoutProb = try c.decodeIfPresent(Float.self, forKey: .hiddenDropoutProb) ?? 0.1
        attentionProbsDropoutProb = try c.decodeIfPresent(Float.self, forKey: .attentionProbsDropoutProb) ?? 0.1
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "gelu"
        initializerRange = try c.decodeIfPresent(Float.self, forKey: .initializerRange) ?? 0.02
    }

    public var headSize: Int { hiddenSize / numAttentionHeads }

    /// Refuses a vocabulary with more tokens than the embedding has rows: its last ids would
    /// read past the table. (Fewer is fine: checkpoints pad `vocab_size`, as transformers allows.)
    public func checkVocabulary(_ vocabulary: WordPieceVocabulary, directory: String) throws(BertModelError) {
        guard vocabulary.count <= vocabSize else {
            throw .badVocabulary(path: WordPieceVocabulary.path(inModelDirectory: directory) ?? directory + "/vocab.txt", reason: "it has \(vocabulary.count) tokens but config.json's vocab_size is \(vocabSize)")
        }
    }

    /// Refuses sequences longer than the position embeddings reach (checkpoints have 512,
    /// some fewer), before any training time is spent.
    public func checkMaxLength(_ maxLength: Int, directory: String) throws(BertModelError) {
        guard maxLength <= maxPositionEmbeddings else {
            throw .maxLengthTooLong(maxLength: maxLength, maxPositionEmbeddings: maxPositionEmbeddings, path: directory)
        }
    }

    /// Reads `config.json`, refusing other architectures (by name) and shapes the model cannot run.
    public static func load(path: String, files: OutputFiles = OutputFiles(key: nil)) throws -> BertConfig {
        let data = try ModelFile.read(path, files: files)
        try ModelArchitecture.check(configData: data, path: path)
        let config: BertConfig
        do { config = try JSONDecoder().decode(BertConfig.self, from: data) } catch {
            throw BertModelError.badConfig(path: path, reason: "\(error)")
        }
        guard config.hiddenSize % config.numAttentionHeads == 0 else {
            throw BertModelError.badConfig(path: path, reason: "hidden_size \(config.hiddenSize) is not a multiple of num_attention_heads \(config.numAttentionHeads)")
        }
        guard ["gelu", "gelu_python"].contains(config.hiddenAct) else {
            throw BertModelError.badConfig(path: path, reason: "hidden_act \(config.hiddenAct) is not supported (only the erf GELU)")
        }
        return config
    }
}
