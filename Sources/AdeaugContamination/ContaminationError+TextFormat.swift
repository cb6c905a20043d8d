import AdeaugCore

extension ContaminationError {
    /// Core's text-format errors in the contamination stage's terms (same file and line).
    init(_ error: TextFormatError) {
        switch error {
        case .notFound(let path): self = .unreadable(file: path, reason: "no such file")
        case .isDirectory(let path): self = .unreadable(file: path, reason: "is a folder, expected a file")
        case .unreadable(let path, _): self = .unreadable(file: path, reason: "cannot be read")
        case .lineTooLong(let location, _, let limit):
            self = .malformedInput(file: location.file, line: location.line, reason: "line longer than \(limit) bytes")
        case .invalidUTF8(let location), .invalidJSON(let location), .notAnObject(let location),
            .missingStringField(let location, _), .unexpectedJSON(let location, _), .unclosedQuote(let location):
            self = .malformedInput(file: location.file, line: location.line, reason: error.reason)
        case .unwritableLine: self = .invalidArgument(error.description)
        }
    }

    /// Runs a read, turning `TextFormatError` into `ContaminationError`.
    static func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TextFormatError {
            throw ContaminationError(error)
        }
    }
}
