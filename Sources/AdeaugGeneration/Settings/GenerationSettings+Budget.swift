import AdeaugCore

extension GenerationSettings {
    /// A budget is in tokens or in money, not both; money needs both prices, and prices are
    /// given in pairs (a missing one would be a guess).
    func validateBudget() throws(InvalidSetting) {
        if let budgetTokens, budgetTokens < 1 { throw InvalidSetting("budgetTokens", "must be at least 1") }
        if let budgetMoney, !(budgetMoney > 0) { throw InvalidSetting("budgetMoney", "must be above 0") }
        if budgetTokens != nil, budgetMoney != nil {
            throw InvalidSetting("budgetMoney", "cannot be given with a token budget as well: give one budget")
        }
        for (name, price) in [("pricePerThousandInputTokens", pricePerThousandInputTokens), ("pricePerThousandOutputTokens", pricePerThousandOutputTokens)] {
            if let price, !(price >= 0) { throw InvalidSetting(name, "must be 0 or more") }
        }
        if (pricePerThousandInputTokens == nil) != (pricePerThousandOutputTokens == nil) {
            let missing = pricePerThousandInputTokens == nil ? "pricePerThousandInputTokens" : "pricePerThousandOutputTokens"
            throw InvalidSetting(missing, "is needed too: give both prices (adeaug never guesses one)")
        }
        if budgetMoney != nil, prices == nil {
            throw InvalidSetting("budgetMoney", "needs both prices per thousand tokens, input and output")
        }
    }
}
