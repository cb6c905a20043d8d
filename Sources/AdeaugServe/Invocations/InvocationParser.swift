import AdeaugCore
import Foundation

/// Reads a request body in one of the `InvocationFormat`s into an `Invocation`, with Core's
/// JSON Lines and CSV readers (records split on `\n` only).
public enum InvocationParser {
    /// The name Core's readers put in locations; only the line number reaches the client.
    static let source = "request"

    public static func parse(_ body: Data, format: InvocationFormat) throws(InvocationError) -> Invocation {
        switch format {
        case .json: return try json(body)
        case .jsonLines: return try jsonLines(body)
        case .csv: return try csv(body)
        }
    }

    static func json(_ body: Data) throws(InvocationError) -> Invocation {
        guard String(bytes: body, encoding: .utf8) != nil else { throw .invalidUTF8(line: nil) }
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: body) } catch { throw .invalidJSON(line: nil) }
        guard case .object(let fields) = value else { throw .notAnObject(line: nil) }
        let parameters = try self.parameters(fields["parameters"])
        switch fields["inputs"] {
        case nil: throw .missingField("inputs", line: nil)
        case .string(let text)?:
            return Invocation(texts: [try nonEmpty(text, line: nil)], parameters: parameters, isBatch: false)
        case .array(let items)?:
            guard !items.isEmpty else { throw .emptyInput(line: nil) }
            var texts: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw .wrongKind("inputs", line: nil) }
                texts.append(try nonEmpty(text, line: nil))
            }
            return Invocation(texts: texts, parameters: parameters, isBatch: true)
        default: throw .wrongKind("inputs", line: nil)
        }
    }

    /// One object per line with `inputs` or `text`; one answer line per input line.
    static func jsonLines(_ body: Data) throws(InvocationError) -> Invocation {
        let lines: [TextLine]
        do { lines = try TextLines.lines(of: body, file: source) } catch { throw map(error) }
        var texts: [String] = []
        for line in lines where !line.isBlank {
            let location = SourceLocation(file: source, line: line.number)
            let value: JSONValue
            do { value = try JSONLinesReader.decode(JSONValue.self, from: Data(line.text.utf8), at: location) } catch { throw map(error) }
            guard case .object(let fields) = value else { throw .notAnObject(line: line.number) }
            guard let field = fields["inputs"] ?? fields["text"] else { throw .missingField("inputs", line: line.number) }
            guard case .string(let text) = field else { throw .wrongKind(fields["inputs"] != nil ? "inputs" : "text", line: line.number) }
            texts.append(try nonEmpty(text, line: line.number))
        }
        guard !texts.isEmpty else { throw .emptyInput(line: nil) }
        return Invocation(texts: texts, isBatch: true)
    }

    /// One sentence per row. A row split at unquoted commas is joined back: a sentence's own
    /// commas are not column breaks.
    static func csv(_ body: Data) throws(InvocationError) -> Invocation {
        let records: [CSVRecord]
        do { records = try CSVReader().records(in: body, file: source) } catch { throw map(error) }
        var texts: [String] = []
        for record in records {
            texts.append(try nonEmpty(record.fields.joined(separator: ","), line: record.line))
        }
        guard !texts.isEmpty else { throw .emptyInput(line: nil) }
        return Invocation(texts: texts, isBatch: true)
    }

    static func parameters(_ value: JSONValue?) throws(InvocationError) -> InvocationParameters {
        guard let value, value != .null else { return InvocationParameters() }
        guard case .object(let fields) = value else { throw .invalidParameter("parameters", problem: "must be an object") }
        var parameters = InvocationParameters()
        switch fields["top_k"] {
        case nil, .null?: break
        case .integer(let k)? where k >= 1: parameters.topK = k
        default: throw .invalidParameter("top_k", problem: "must be a whole number of at least 1")
        }
        switch fields["threshold"] {
        case nil, .null?: break
        case .integer(let t)? where (0...1).contains(t): parameters.threshold = Double(t)
        case .number(let t)? where (0...1).contains(t): parameters.threshold = t
        default: throw .invalidParameter("threshold", problem: "must be a number between 0 and 1")
        }
        return parameters
    }

    static func nonEmpty(_ text: String, line: Int?) throws(InvocationError) -> String {
        guard !text.allSatisfy(\.isWhitespace) else { throw .emptyInput(line: line) }
        return text
    }

    static func map(_ error: any Error) -> InvocationError {
        guard let error = error as? TextFormatError else { return .invalidJSON(line: nil) }
        let line = error.location?.line
        switch error {
        case .invalidUTF8: return .invalidUTF8(line: line)
        case .notAnObject: return .notAnObject(line: line)
        case .unclosedQuote(let location): return .unclosedQuote(line: location.line)
        default: return .invalidJSON(line: line)
        }
    }
}
