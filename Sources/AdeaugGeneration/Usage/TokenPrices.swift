/// What an endpoint charges per thousand tokens, as the user gives it (adeaug never guesses a price).
public struct TokenPrices: Sendable, Hashable, Codable {
    public var inputPerThousand: Double
    public var outputPerThousand: Double

    public init(inputPerThousand: Double, outputPerThousand: Double) {
        self.inputPerThousand = inputPerThousand
        self.outputPerThousand = outputPerThousand
    }

    public func cost(promptTokens: Int, completionTokens: Int) -> Double {
        Double(promptTokens) / 1000 * inputPerThousand + Double(completionTokens) / 1000 * outputPerThousand
    }

    public func cost(_ usage: TokenUsage) -> Double {
        cost(promptTokens: usage.promptTokens, completionTokens: usage.completionTokens)
    }
}

/// How much generation may spend in a workspace, over all its runs of one class: a resumed run
/// counts what earlier runs spent, so raising the budget is how to go on.
public enum GenerationBudget: Sendable, Hashable {
    /// Prompt plus completion tokens.
    case tokens(Int)
    /// Money, in the unit of the prices.
    case money(Double, TokenPrices)

    /// The spend of `promptTokens` and `completionTokens` in the budget's unit.
    func spend(promptTokens: Int, completionTokens: Int) -> Double {
        switch self {
        case .tokens: Double(promptTokens + completionTokens)
        case .money(_, let prices): prices.cost(promptTokens: promptTokens, completionTokens: completionTokens)
        }
    }

    var limit: Double {
        switch self {
        case .tokens(let tokens): Double(tokens)
        case .money(let amount, _): amount
        }
    }

    /// `120000 tokens` or `2.50 (money)`, for messages.
    func describe(_ value: Double) -> String {
        switch self {
        case .tokens: "\(Int(value)) tokens"
        case .money: String(format: "%.4f", value)
        }
    }
}
