import Foundation

/// Which Hugging Face architectures adeaug's network is: `config.json`'s `model_type` and
/// `architectures` are read before anything else, so a RoBERTa, DeBERTa or DistilBERT folder
/// is refused by name instead of loading into BERT's shapes (RoBERTa's even fit) and
/// training on wrong weights.
public enum ModelArchitecture {
    public static let supportedModelType = "bert"

    /// The `BertFor*` heads whose encoder adeaug loads; the head itself is kept only for
    /// sequence classification, the others' tensors are ignored and listed.
    public static let supportedArchitectures = [
        "BertModel", "BertForSequenceClassification", "BertForMaskedLM", "BertForPreTraining",
        "BertForNextSentencePrediction", "BertLMHeadModel", "BertForTokenClassification",
        "BertForQuestionAnswering", "BertForMultipleChoice",
    ]

    /// One line for error messages: what adeaug loads.
    public static var supportedSummary: String {
        "model_type \"\(supportedModelType)\" (\(supportedArchitectures.joined(separator: ", ")))"
    }

    /// Refuses a config whose `model_type` is not BERT, or which names only non-BERT
    /// architectures. A config with neither field (old BERT checkpoints) is taken as BERT.
    public static func check(configData data: Data, path: String) throws(BertModelError) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return  // BertConfig's decoder names what is wrong with the JSON
        }
        let modelType = object["model_type"] as? String
        let architectures = object["architectures"] as? [String] ?? []
        let typeIsBert = modelType.map { $0 == supportedModelType } ?? true
        let namesBert = architectures.isEmpty || architectures.contains { supportedArchitectures.contains($0) }
        if !typeIsBert || !namesBert {
            throw .unsupportedArchitecture(path: path, modelType: modelType, architectures: architectures)
        }
        if let embedding = object["position_embedding_type"] as? String, embedding != "absolute" {
            throw .badConfig(path: path, reason: "position_embedding_type \(embedding) is not supported (only absolute position embeddings)")
        }
    }
}
