import AdeaugCore

/// What a prompt asks the endpoint to write about, besides imitating its five examples.
public enum ConditioningMode: String, SettingsChoice {
    /// Five examples and the class's instruction only (the default).
    case plain
    /// A drug–effect pair annotated together in one training sentence.
    case seen
    /// A drug and an effect that both occur in training but never together.
    case recombined
    /// Seen or recombined per request, recombined with probability `recombinedShare`.
    case mixed
}
