import AdeaugCore

/// `check:` in adeaug.yaml and `adeaug check`'s flags: the one home of the contamination
/// check's settings.
public struct ContaminationSettings: Sendable, Codable, Equatable {
    /// A pretraining n-gram index built with `adeaug index build` (nil: no pretraining check).
    public var index: String?
    /// Share of a sentence's n-grams found in the index that rejects it.
    public var pretrainingThreshold = 0.5

    public init() {}

    public func validate() throws(InvalidSetting) {
        guard (0...1).contains(pretrainingThreshold) else { throw InvalidSetting("pretrainingThreshold", "must be between 0 and 1") }
    }

    /// The index, opened read-only, when one is set.
    public func openIndex() throws -> PretrainingIndex? {
        try index.map { try PretrainingIndex(path: $0, readOnly: true) }
    }
}
