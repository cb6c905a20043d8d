import AdeaugCore

/// How the corpus is divided into train and test.
public enum SplitMethod: String, SettingsChoice {
    /// Distinct sentences, split per label so both sides keep the corpus's class balance.
    case stratified
    /// Distinct sentences, split by abstract: sentences sharing a PubMed ID stay on one side.
    case grouped
    /// The published protocol: raw rows, duplicates kept, split at random. Leaks (a sentence
    /// repeated per drug–effect pair lands on both sides); for reproducing published numbers only.
    case rows
    /// The split the input came with (a train/test pair of files).
    case given
}
