/// Linear warm-up then linear decay to zero, as Hugging Face's
/// `get_linear_schedule_with_warmup` (the factor for 0-based step `s` is the one the
/// optimizer uses at that step).
public struct LinearSchedule: Sendable, Equatable {
    public var peak: Float
    public var warmupSteps: Int
    public var totalSteps: Int

    public init(peak: Float, totalSteps: Int, warmupFraction: Float) {
        self.peak = peak
        self.totalSteps = totalSteps
        warmupSteps = Int((Float(totalSteps) * warmupFraction).rounded(.up))
    }

    public func learningRate(step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step) / Float(max(1, warmupSteps)) }
        return peak * max(0, Float(totalSteps - step) / Float(max(1, totalSteps - warmupSteps)))
    }
}
