import AdeaugCore

/// How positives are added to a training set, so LLM augmentation is compared with what a
/// user would otherwise do.
public enum AugmentationStrategy: String, SettingsChoice {
    /// Generated sentences that passed every check.
    case synthetic
    /// Real positives repeated.
    case oversample
    /// Word-level edits of real positives (random swap, deletion, insertion; Wei & Zou 2019)
    /// that leave numbers, units and drug names intact.
    case eda
    /// Nothing added: the baseline.
    case none
}
