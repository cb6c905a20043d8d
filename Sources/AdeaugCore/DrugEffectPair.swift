/// One annotated drug–effect relation of a training sentence (a line of `DRUG-AE.rel`): what
/// the corpus stage knows and conditioned generation draws its prompt attributes from.
public struct DrugEffectPair: Sendable, Hashable, Codable {
    public var drug: String
    public var effect: String

    public init(drug: String, effect: String) {
        self.drug = drug
        self.effect = effect
    }
}
