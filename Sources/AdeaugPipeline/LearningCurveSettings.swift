import AdeaugCore
import AdeaugExperiments

/// `compare.learning_curve:`: the comparison repeated at several real-positive budgets, every
/// strategy adding the same number of positives at each, frozen encoder, the comparison's seeds.
public struct LearningCurveSettings: Sendable, Codable, Equatable {
    /// Real positives kept at each point (`all`: every one in the training split). Empty: no curve.
    public var realPositives: [RealPositiveBudget] = [.count(50), .count(100), .count(200)]
    /// Positives each strategy adds at each point: a share of the real ones (`+100%`) or a count.
    public var added: [AddedPositives] = [.count(100)]

    public init() {}

    public var isEnabled: Bool { !realPositives.isEmpty }

    /// The most synthetic positives any point asks for, given the split's real positives; when
    /// they are not known yet (nil, before ingest), budgets written `all` are left out.
    public func largestAddition(availableRealPositives: Int?) -> Int {
        realPositives.flatMap { budget -> [Int] in
            guard let real = availableRealPositives.map(budget.resolved(available:)) ?? budget.trainPositives else { return [] }
            return added.map { $0.resolved(realPositives: real) }
        }.max() ?? 0
    }

    func validate() throws(InvalidSetting) {
        guard realPositives.isEmpty || !added.isEmpty else {
            throw InvalidSetting("added", "needs at least one count when real_positives lists budgets")
        }
    }
}
