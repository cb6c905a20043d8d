/// Problems with a model folder other than the weights file itself.
public enum BertModelError: Error, CustomStringConvertible, Equatable {
    case missingFile(path: String)
    case badConfig(path: String, reason: String)
    case badVocabulary(path: String, reason: String)
    case modelNotFound(path: String)
    /// `config.json` names another architecture (RoBERTa, DeBERTa, DistilBERT, ...).
    case unsupportedArchitecture(path: String, modelType: String?, architectures: [String])
    /// The folder has weights only in a format adeaug does not read (`tf_model.h5`, `flax_model.msgpack`).
    case weightsNeedConversion(directory: String, file: String, framework: String)
    /// A sharded checkpoint's `*.index.json` is unreadable or names a shard that is missing.
    case badShardIndex(path: String, reason: String)
    /// `--max-length` is longer than the checkpoint has position embeddings for.
    case maxLengthTooLong(maxLength: Int, maxPositionEmbeddings: Int, path: String)

    public var description: String {
        switch self {
        case .missingFile(let path): "Missing model file \(path)."
        case .badConfig(let path, let reason): "Bad model config \(path): \(reason)."
        case .badVocabulary(let path, let reason): "Bad vocabulary \(path): \(reason)."
        case .modelNotFound(let path):
            "No BERT checkpoint at \(path) (expected config.json, vocab.txt or tokenizer.json, and model.safetensors, sharded model.safetensors.index.json or pytorch_model.bin). Run `make setup` to fetch all-MiniLM-L6-v2, or pass --model DIR or set ADEAUG_MODEL."
        case .unsupportedArchitecture(let path, let modelType, let architectures):
            "\(path) describes a \(modelType ?? "model") model\(architectures.isEmpty ? "" : " (\(architectures.joined(separator: ", ")))"), which adeaug does not load: it fine-tunes BERT checkpoints only, \(ModelArchitecture.supportedSummary)."
        case .weightsNeedConversion(let directory, let file, let framework):
            "\(directory) has \(framework) weights only (\(file)), which adeaug does not read. Convert them with transformers: BertForSequenceClassification.from_pretrained(DIR, \(framework == "TensorFlow" ? "from_tf" : "from_flax")=True).save_pretrained(NEW_DIR) writes model.safetensors; copy vocab.txt and the tokenizer files along."
        case .badShardIndex(let path, let reason): "Bad sharded checkpoint index \(path): \(reason)."
        case .maxLengthTooLong(let maxLength, let maxPositionEmbeddings, let path):
            "--max-length \(maxLength) is longer than the \(maxPositionEmbeddings) positions of the checkpoint at \(path) (max_position_embeddings in config.json); use --max-length \(maxPositionEmbeddings) or less."
        }
    }
}
