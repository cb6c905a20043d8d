/// Sampling settings sent with every request; part of each request's key.
///
/// Defaults follow the public Falcon-instruct generation settings (temperature 0.8, top-p 0.9,
/// top-k 50, repetition penalty 1.03). `topP` must stay below 1: TGI rejects 1.0 with 422.
public struct GenerationParameters: Sendable, Hashable, Codable {
    public var maxNewTokens: Int = 64
    public var temperature: Double = 0.8
    public var topP: Double = 0.9
    public var topK: Int = 50
    public var repetitionPenalty: Double = 1.03
    /// At most 4: the number TGI accepts by default.
    public var stop: [String] = ["###", "\n\n"]

    public init() {}

    public func validate() throws(GenerationError) {
        guard maxNewTokens > 0 else { throw .invalidOption("--max-new-tokens must be at least 1.") }
        guard temperature > 0 else { throw .invalidOption("--temperature must be above 0 (sampling is always on).") }
        guard topP > 0 && topP < 1 else { throw .invalidOption("--top-p must be between 0 and 1, exclusive (TGI rejects 1.0).") }
        guard topK > 0 else { throw .invalidOption("--top-k must be at least 1.") }
        guard stop.count <= 4 else { throw .invalidOption("At most 4 stop sequences (TGI's limit); got \(stop.count).") }
    }
}
