import AdeaugCore

/// What identifies one stored training run of a comparison: a run counts only for the same
/// protocol, condition, seed, trainer settings with training set (`fingerprint`) and test split.
public struct ComparisonRunKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var protocolName: String
    public var condition: String
    public var seed: UInt64
    public var fingerprint: String
    public var testFingerprint: String

    public init(protocolName: String, condition: String, seed: UInt64, fingerprint: String, testFingerprint: String) {
        self.protocolName = protocolName
        self.condition = condition
        self.seed = seed
        self.fingerprint = fingerprint
        self.testFingerprint = testFingerprint
    }

    public var description: String { "\(protocolName): \(condition), seed \(seed)" }
}

/// One training run a comparison needs: a condition's training set under one seed, and the
/// trainer that trains it (its settings are part of the key's fingerprint).
public struct ComparisonCell {
    public var key: ComparisonRunKey
    public var condition: ComparisonCondition
    public var trainer: any ClassifierTrainer

    public init(key: ComparisonRunKey, condition: ComparisonCondition, trainer: any ClassifierTrainer) {
        self.key = key
        self.condition = condition
        self.trainer = trainer
    }
}
