/// An error reported by SQLite, with the statement or file it concerns.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var context: String

    public var description: String { "SQLite error \(code) (\(context)): \(message)" }
}
