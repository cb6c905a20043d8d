import AdeaugBERT
import AdeaugCore
import AdeaugExperiments

extension BertClassifierTrainer {
    /// Trains once and keeps the model, so the label filter scores each generated candidate
    /// without training again. With a frozen encoder the [CLS] states go to the shared cache,
    /// which the comparison's frozen runs then reuse.
    public func trainScorer(training: [TrainingItem], seed: UInt64) throws -> any TextScorer {
        var options = self.options
        options.seed = seed
        let network = try BertCheckpoint.load(directory: modelDirectory, numLabels: Label.allCases.count, seed: seed)
        let tokenizer = try BertTokenizer(modelDirectory: modelDirectory)
        try network.config.checkMaxLength(options.maxLength, directory: modelDirectory)
        try network.config.checkVocabulary(tokenizer.vocabulary, directory: modelDirectory)
        let trainer = BertTrainer(network: network, tokenizer: tokenizer, options: options)
        trainer.clsCache = options.freezeEncoder ? cache : nil
        _ = trainer.train(training.map { LabelledText(text: $0.text, label: $0.label.rawValue) }, progress: progress)
        return TrainedBertScorer(trainer: trainer, predictor: options.freezeEncoder ? nil : BertPredictor(network: network, tokenizer: tokenizer, maxLength: options.maxLength))
    }
}

/// A trained BERT classifier kept for scoring.
struct TrainedBertScorer: TextScorer {
    let trainer: BertTrainer
    /// Nil with a frozen encoder: the trainer's head scores the cached [CLS] states.
    let predictor: BertPredictor?

    func positiveProbabilities(_ texts: [String]) throws -> [Double] {
        guard !texts.isEmpty else { return [] }
        let probabilities = predictor?.positiveProbabilities(texts) ?? trainer.frozenProbabilities(texts)
        return probabilities.map(Double.init)
    }
}
