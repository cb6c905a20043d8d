/// Problems with a model folder other than the weights file itself.
public enum BertModelError: Error, CustomStringConvertible, Equatable {
    case missingFile(path: String)
    case badConfig(path: String, reason: String)
    case badVocabulary(path: String, reason: String)
    case modelNotFound(path: String)

    public var description: String {
        switch self {
        case .missingFile(let path): "Missing model file \(path)."
        case .badConfig(let path, let reason): "Bad model config \(path): \(reason)."
        case .badVocabulary(let path, let reason): "Bad vocabulary \(path): \(reason)."
        case .modelNotFound(let path):
            "No BERT checkpoint at \(path) (expected config.json, vocab.txt and model.safetensors or pytorch_model.bin). Run `make setup` to fetch all-MiniLM-L6-v2, or pass --model DIR or set ADEAUG_MODEL."
        }
    }
}
