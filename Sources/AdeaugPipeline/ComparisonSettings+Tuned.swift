import AdeaugBERT
import AdeaugExperiments

extension ComparisonSettings {
    /// These settings with a search's best point laid over them, for `compare --tuned`: the
    /// checkpoint (a folder or a Hub name, as `tune` stored it) for every run, and learning rate,
    /// batch size, max length and epochs for the runs of the mode given (frozen encoder or not).
    public func tuned(by best: Hyperparameters, freezeEncoder: Bool) -> ComparisonSettings {
        var settings = self
        settings.model = best.checkpoint
        var training = freezeEncoder ? settings.training : settings.fullFineTune
        training.learningRate = best.learningRate
        training.batchSize = best.batchSize
        training.maxLength = best.maxLength
        training.epochs = best.epochs
        if freezeEncoder { settings.training = training } else { settings.fullFineTune = training }
        return settings
    }
}
