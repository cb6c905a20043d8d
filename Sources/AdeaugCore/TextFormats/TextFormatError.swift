/// Why a text file (JSON Lines, CSV/TSV, plain lines) could not be read or written. Each case
/// names the file and, where there is one, the 1-based line, so the user can open the file at
/// the right place.
public enum TextFormatError: Error, CustomStringConvertible, Equatable, Sendable {
    case notFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    case invalidUTF8(SourceLocation)
    case lineTooLong(SourceLocation, bytes: Int, limit: Int)
    case invalidJSON(SourceLocation)
    case notAnObject(SourceLocation)
    case missingStringField(SourceLocation, name: String)
    case unexpectedJSON(SourceLocation, reason: String)
    case unclosedQuote(SourceLocation)
    /// A value that would not come back as one record: `index` is its 0-based position.
    case unwritableLine(index: Int, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): \(reason)."
        case .isDirectory(let path): "\(path): \(reason)."
        case .unreadable(let path, _): "\(path): \(reason)."
        case .invalidUTF8(let location), .lineTooLong(let location, _, _), .invalidJSON(let location),
            .notAnObject(let location), .missingStringField(let location, _), .unexpectedJSON(let location, _),
            .unclosedQuote(let location):
            "\(location): \(reason)."
        case .unwritableLine(let index, _): "record \(index + 1): \(reason)."
        }
    }

    /// The message without the file and line, for stages that wrap it in their own error.
    public var reason: String {
        switch self {
        case .notFound: "no such file"
        case .isDirectory: "is a folder, expected a file"
        case .unreadable(_, let reason): "cannot be read (\(reason))"
        case .invalidUTF8: "invalid UTF-8"
        case .lineTooLong(_, let bytes, let limit): "line of \(bytes) bytes, longer than \(limit) bytes"
        case .invalidJSON: "not valid JSON (in a JSON Lines file every non-blank line must be one JSON value)"
        case .notAnObject: "not a JSON object"
        case .missingStringField(_, let name): "no string field `\(name)`"
        case .unexpectedJSON(_, let reason): reason
        case .unclosedQuote: "a quoted field is never closed"
        case .unwritableLine(_, let reason): reason
        }
    }

    /// The file and line the error is about, when it is about one.
    public var location: SourceLocation? {
        switch self {
        case .invalidUTF8(let location), .lineTooLong(let location, _, _), .invalidJSON(let location),
            .notAnObject(let location), .missingStringField(let location, _), .unexpectedJSON(let location, _),
            .unclosedQuote(let location):
            location
        case .notFound, .isDirectory, .unreadable, .unwritableLine: nil
        }
    }
}
