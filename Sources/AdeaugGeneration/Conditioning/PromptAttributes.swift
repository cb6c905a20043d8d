/// What one request was conditioned on: stored with the request, shown in the audit trail and
/// grouped by in the report's quality section.
public struct PromptAttributes: Sendable, Hashable, Codable {
    public enum Pairing: String, Sendable, Hashable, Codable {
        /// The pair is annotated together in a training sentence.
        case seen
        /// Drug and effect come from training, never together.
        case recombined
        /// Only a drug (synthetic negatives name a drug and no adverse effect).
        case drugOnly = "drug-only"
    }

    public var drug: String
    /// Nil for negatives: they name a drug and no effect.
    public var effect: String?
    public var pairing: Pairing

    public init(drug: String, effect: String?, pairing: Pairing) {
        self.drug = drug
        self.effect = effect
        self.pairing = pairing
    }

    /// `drug=…;effect=…;pairing=…`: part of the request key and of the audit detail.
    public var keyText: String {
        "drug=\(drug);effect=\(effect ?? "");pairing=\(pairing.rawValue)"
    }
}
