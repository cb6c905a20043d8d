import Foundation

/// McNemar's test for two classifiers on the same sentences: do they err on different ones
/// more often in one direction than chance allows? Only the discordant pairs count:
/// `b` = first right and second wrong, `c` = first wrong and second right.
///
/// The p-value is the exact two-sided binomial one (b ~ Binomial(b + c, ½)), which is right for
/// the small discordant counts of a few thousand test sentences; the chi-square statistic with
/// continuity correction is reported beside it for comparison with other tools.
public struct McNemarTest: Sendable, Hashable, Codable {
    public var firstOnlyCorrect: Int
    public var secondOnlyCorrect: Int
    public var exactPValue: Double
    public var chiSquare: Double

    public init(gold: [Bool], first: [Bool], second: [Bool]) {
        var b = 0, c = 0
        for index in gold.indices {
            let firstRight = first[index] == gold[index]
            let secondRight = second[index] == gold[index]
            if firstRight && !secondRight { b += 1 }
            if !firstRight && secondRight { c += 1 }
        }
        self.init(firstOnlyCorrect: b, secondOnlyCorrect: c)
    }

    public init(firstOnlyCorrect b: Int, secondOnlyCorrect c: Int) {
        firstOnlyCorrect = b
        secondOnlyCorrect = c
        let n = b + c
        if n == 0 {
            exactPValue = 1
            chiSquare = 0
            return
        }
        // P(X ≤ min(b, c)) for X ~ Binomial(n, ½), summed in log space to stay finite for large n.
        let k = min(b, c)
        var tail = 0.0
        for i in 0...k {
            tail += exp(Self.logChoose(n, i) - Double(n) * log(2))
        }
        exactPValue = min(1, 2 * tail)
        let numerator = Double(abs(b - c)) - 1
        chiSquare = max(0, numerator) * max(0, numerator) / Double(n)
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
