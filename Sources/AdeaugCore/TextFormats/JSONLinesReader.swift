import Foundation

/// Reads JSON Lines: one JSON value per line, lines ended by `\n` (or `\r\n`) only, blank
/// lines skipped. A line that is not valid JSON is an error naming the file and line, never
/// taken as text.
public struct JSONLinesReader: Sendable {
    /// Longest line accepted, when set.
    public var maximumLineBytes: Int?

    public init(maximumLineBytes: Int? = nil) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Every record of the file at `path` as a `JSONValue`.
    public func values(atPath path: String) throws -> [JSONLinesRecord<JSONValue>] {
        try values(in: try TextInput.contents(of: path), file: path)
    }

    public func values(in data: Data, file: String) throws -> [JSONLinesRecord<JSONValue>] {
        try decode(JSONValue.self, in: data, file: file)
    }

    /// Every record of the file at `path` decoded as `T`.
    public func decode<T: Decodable>(_ type: T.Type, atPath path: String) throws -> [JSONLinesRecord<T>] {
        try decode(type, in: try TextInput.contents(of: path), file: path)
    }

    /// Every record of `data` decoded as `T`; `file` names the input in errors.
    public func decode<T: Decodable>(_ type: T.Type, in data: Data, file: String) throws -> [JSONLinesRecord<T>] {
        let decoder = JSONDecoder()
        var records: [JSONLinesRecord<T>] = []
        for line in try TextLines.lines(of: data, file: file, maximumLineBytes: maximumLineBytes) where !line.isBlank {
            let location = SourceLocation(file: file, line: line.number)
            records.append(JSONLinesRecord(location: location, value: try Self.decode(type, from: Data(line.text.utf8), at: location, using: decoder)))
        }
        return records
    }

    /// One line's bytes decoded as `T`, for readers that stream lines themselves
    /// (`TextLines.forEachLine`). A syntax error is `invalidJSON`; valid JSON of another shape
    /// is `unexpectedJSON` with the decoder's account of it.
    public static func decode<T: Decodable>(
        _ type: T.Type, from line: Data, at location: SourceLocation, using decoder: JSONDecoder = JSONDecoder()
    ) throws(TextFormatError) -> T {
        do {
            return try decoder.decode(type, from: line)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw .invalidJSON(location)
        } catch DecodingError.keyNotFound(let key, _) {
            throw .unexpectedJSON(location, reason: "no field `\(key.stringValue)`")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .unexpectedJSON(location, reason: path.isEmpty ? "a JSON value of the wrong kind" : "field `\(path)` is of the wrong kind")
        } catch {
            throw .invalidJSON(location)
        }
    }
}
