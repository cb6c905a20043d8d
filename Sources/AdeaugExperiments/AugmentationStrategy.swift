import AdeaugCore

/// How positives are added to a training set, so LLM augmentation is compared with what a
/// user would otherwise do.
public enum AugmentationStrategy: String, SettingsChoice {
    /// Generated sentences that passed every check.
    case synthetic
    /// Generated Not_AE sentences that name a drug and describe no adverse effect, added as
    /// negatives (`generate --negative`): confusable negatives rather than more positives.
    case syntheticNegatives = "synthetic-negatives"
    /// Real positives repeated.
    case oversample
    /// Word-level edits of real positives (random swap, deletion, insertion; Wei & Zou 2019)
    /// that leave numbers, units and drug names intact.
    case eda
    /// Nothing added: the baseline.
    case none
}
