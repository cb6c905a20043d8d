import AdeaugBERT
import AdeaugCore

/// The fine-tuned BERT behind the endpoint, on the same `BertPredictor` `adeaug predict` uses,
/// so both give the same scores for the same sentence.
///
/// `@unchecked Sendable`: the network's buffers are mutated by a forward pass; the batcher
/// calls it from its one serial forward queue only.
public final class BertTextClassifier: TextClassifier, @unchecked Sendable {
    let predictor: BertPredictor
    public let labelNames: [String]

    public init(predictor: BertPredictor, labelNames: [String] = BertWorkflow.labelNames) {
        self.predictor = predictor
        self.labelNames = labelNames
    }

    /// Loads `directory` (plain or sealed with `files`' key) as `predict` does.
    public static func load(
        directory: String, maxLength: Int, batchSize: Int, maxBatchTokens: Int = .max, files: OutputFiles
    ) throws -> (BertTextClassifier, notice: String?) {
        let directory = try ModelLocator.resolve(explicit: directory)
        // Word embeddings on demand: the server only predicts, and most of the vocabulary's rows
        // are never used by the texts it sees.
        let loaded = try BertCheckpoint.loadReporting(
            directory: directory, numLabels: BertWorkflow.labelNames.count, files: files, wordEmbeddingsOnDemand: true)
        try loaded.network.config.checkMaxLength(maxLength, directory: directory)
        let tokenizer = try BertTokenizer(modelDirectory: directory, files: files)
        try loaded.network.config.checkVocabulary(tokenizer.vocabulary, directory: directory)
        let predictor = BertPredictor(
            network: loaded.network, tokenizer: tokenizer, maxLength: maxLength, batchSize: batchSize, maxBatchTokens: maxBatchTokens)
        return (BertTextClassifier(predictor: predictor), loaded.report.notice)
    }

    /// Token ids as `predict` encodes them: truncated to the max length, [CLS] and [SEP] included.
    public func encode(_ text: String) -> [Int32] {
        predictor.tokenizer.encode(text, maxLength: predictor.maxLength)
    }

    public func probabilities(encoded: [[Int32]]) -> [[Float]] {
        predictor.classProbabilities(encoded: encoded)
    }
}
