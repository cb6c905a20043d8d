import AdeaugCore

/// One sentence of a training set, with where it came from.
public struct TrainingItem: Sendable, Hashable, Codable {
    public enum Origin: String, Sendable, Hashable, Codable {
        case real
        case synthetic
        case oversampled
        case eda
    }

    public var text: String
    public var label: Label
    public var origin: Origin
    /// The example (real, oversampled, eda) or candidate (synthetic) it was made from.
    public var sourceID: Int64

    public init(text: String, label: Label, origin: Origin, sourceID: Int64) {
        self.text = text
        self.label = label
        self.origin = origin
        self.sourceID = sourceID
    }
}
