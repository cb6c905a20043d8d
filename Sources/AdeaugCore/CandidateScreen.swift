/// A check a generated sentence must pass before it counts towards `generate --target N`.
///
/// Generation knows nothing of contamination: the command line hands it screens (the
/// contamination checker, label filters) through this protocol, so the stages stay independent.
public protocol CandidateScreen {
    /// Judges one candidate. Screens may remember what they accepted (to reject duplicates
    /// among candidates), hence `mutating`.
    mutating func screen(_ text: String) -> ScreenVerdict

    /// Told a sentence an earlier run already counted, so that screens remembering what they
    /// accepted know it; its verdict is not used. Screens that remember nothing skip the work.
    mutating func remember(_ text: String)
}

extension CandidateScreen {
    public mutating func remember(_ text: String) { _ = screen(text) }
}

/// What a screen said about one candidate.
public struct ScreenVerdict: Sendable, Hashable, Codable {
    public var accepted: Bool
    /// A short machine-readable reason (`accepted`, `test_near_duplicate`, ...).
    public var reason: String
    /// The sentence it matched, when there is one.
    public var matchedText: String?
    public var score: Double?

    public init(accepted: Bool, reason: String, matchedText: String? = nil, score: Double? = nil) {
        self.accepted = accepted
        self.reason = reason
        self.matchedText = matchedText
        self.score = score
    }

    public static let accept = ScreenVerdict(accepted: true, reason: "accepted")
}
