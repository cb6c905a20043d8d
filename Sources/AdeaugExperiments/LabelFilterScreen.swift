import AdeaugCore

/// The label filter as a screen of the generation loop: a candidate counts towards the target
/// only when a classifier trained on the real training split gives it `P(Adverse_Event)` at or
/// above the threshold, so `target` counts what will really be added. Its verdicts carry the
/// probability, which generation stores with every candidate it screens.
///
/// The classifier is trained by `prepare()`, or else on the first candidate: a resumed run that
/// has already reached its target trains nothing.
public struct LabelFilterScreen: CandidateScreen {
    public var threshold: Double
    private let model: LazyScorer

    /// - Parameter train: trains the classifier (called once, on the first candidate).
    public init(threshold: Double, train: @escaping () throws -> any TextScorer) {
        self.threshold = threshold
        model = LazyScorer(train: train)
    }

    /// The reason stored for a candidate the filter rejects.
    public static let reason = "label_filter"
    /// The reason stored for a candidate that passed it (and every screen before it).
    public static let passed = "label_filter_passed"

    /// Trains the classifier now, before any request is in flight (training takes a while, and
    /// answers would wait for it), and says why when it cannot be trained.
    public func prepare() throws {
        _ = try model.scorer()
    }

    public mutating func screen(_ text: String) -> ScreenVerdict {
        do {
            let probability = try model.scorer().positiveProbabilities([text]).first ?? 0
            return probability >= threshold
                ? ScreenVerdict(accepted: true, reason: Self.passed, score: probability)
                : ScreenVerdict(accepted: false, reason: Self.reason, score: probability)
        } catch {
            // A classifier that cannot score keeps nothing out silently: the candidate is
            // rejected with the error as its reason, stored for the user to see.
            return ScreenVerdict(accepted: false, reason: "label_filter_error: \(error)")
        }
    }

    /// Earlier runs' counted sentences need no score: this screen remembers nothing.
    public mutating func remember(_ text: String) {}
}

/// Trains on first use and keeps the model (a class, so copies of the screen share it).
private final class LazyScorer {
    private let train: () throws -> any TextScorer
    private var trained: (any TextScorer)?

    init(train: @escaping () throws -> any TextScorer) { self.train = train }

    func scorer() throws -> any TextScorer {
        if let trained { return trained }
        let model = try train()
        trained = model
        return model
    }
}
