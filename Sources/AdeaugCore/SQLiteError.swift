/// An error reported by SQLite, with the statement or file it concerns.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var context: String
    /// Said instead of SQLite's own words when adeaug knows better (a page of an encrypted
    /// workspace that failed authentication).
    public var explanation: String?

    public init(code: Int32, message: String, context: String, explanation: String? = nil) {
        self.code = code
        self.message = message
        self.context = context
        self.explanation = explanation
    }

    public var description: String {
        if let explanation { return explanation.prefix(1).uppercased() + explanation.dropFirst() + "." }
        return "SQLite error \(code) (\(context)): \(message)"
    }
}
