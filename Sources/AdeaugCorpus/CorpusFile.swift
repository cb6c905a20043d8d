import AdeaugCore

/// What every corpus reader shares: the line limit, and Core's text-format errors told as
/// `CorpusError`s (same file and line, the corpus stage's wording).
enum CorpusFile {
    /// A sentence corpus has no business with a 1 MB line: such a line is a wrong file
    /// (a binary, a JSON array on one line) rather than data.
    static let maximumLineBytes = 1 << 20

    /// Runs a read, turning `TextFormatError` into `CorpusError`.
    static func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TextFormatError {
            throw CorpusError(error)
        }
    }
}

extension CorpusError {
    init(_ error: TextFormatError) {
        switch error {
        case .notFound(let path): self = .notFound(path: path)
        case .isDirectory(let path): self = .isDirectory(path: path)
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .invalidUTF8(let location): self = .invalidUTF8(location)
        case .lineTooLong(let location, let bytes, let limit): self = .lineTooLong(location, bytes: bytes, limit: limit)
        case .invalidJSON(let location), .notAnObject(let location), .missingStringField(let location, _),
            .unexpectedJSON(let location, _), .unclosedQuote(let location):
            self = .malformedRow(location, reason: error.reason)
        case .unwritableLine:
            self = .invalidOption(error.description)
        }
    }
}
