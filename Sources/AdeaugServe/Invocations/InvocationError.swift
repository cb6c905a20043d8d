/// Why `/invocations` refused a request, with the HTTP status it answers. Messages name the
/// problem and, for JSON Lines and CSV, the line, but never quote request text.
public enum InvocationError: Error, Equatable, Sendable, CustomStringConvertible {
    case bodyTooLarge(limit: Int)
    case unsupportedContentType
    case unsupportedAccept
    case overloaded(queued: Int)
    case notReady
    case invalidUTF8(line: Int?)
    case invalidJSON(line: Int?)
    case notAnObject(line: Int?)
    case missingField(String, line: Int?)
    case wrongKind(String, line: Int?)
    case emptyInput(line: Int?)
    case invalidParameter(String, problem: String)
    case unclosedQuote(line: Int)

    public var status: Int {
        switch self {
        case .bodyTooLarge: 413
        case .unsupportedContentType: 415
        case .unsupportedAccept: 406
        case .overloaded: 429
        case .notReady: 503
        case .invalidUTF8, .invalidJSON, .notAnObject, .missingField, .wrongKind, .emptyInput, .invalidParameter, .unclosedQuote: 400
        }
    }

    public var description: String {
        switch self {
        case .bodyTooLarge(let limit): "request body larger than \(limit) bytes"
        case .unsupportedContentType:
            "unsupported Content-Type: send \(InvocationFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unsupportedAccept: "unsupported Accept: ask for \(InvocationFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        case .overloaded(let queued): "\(queued) requests already waiting: try again shortly"
        case .notReady: "the model is still loading"
        case .invalidUTF8(let line): Self.at(line) + "invalid UTF-8"
        case .invalidJSON(let line): Self.at(line) + "not valid JSON"
        case .notAnObject(let line): Self.at(line) + "expected a JSON object"
        case .missingField(let name, let line): Self.at(line) + "no field `\(name)`"
        case .wrongKind(let name, let line): Self.at(line) + "field `\(name)` must be a string or a list of strings"
        case .emptyInput(let line): Self.at(line) + "empty input: nothing to classify"
        case .invalidParameter(let name, let problem): "parameter `\(name)` \(problem)"
        case .unclosedQuote(let line): Self.at(line) + "a quoted CSV field is never closed"
        }
    }

    static func at(_ line: Int?) -> String { line.map { "line \($0): " } ?? "" }
}
