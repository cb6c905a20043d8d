import AdeaugCore

/// Why a corpus could not be read. Each case names the file and, where there is one, the
/// 1-based line, so the user can open the file at the right place.
public enum CorpusError: Error, CustomStringConvertible, Equatable {
    case notFound(path: String)
    case isDirectory(path: String)
    case notADirectory(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case invalidUTF8(SourceLocation)
    case lineTooLong(SourceLocation, bytes: Int, limit: Int)
    case malformedRow(SourceLocation, reason: String)
    case unknownLabel(SourceLocation, value: String)
    case missingColumn(SourceLocation, role: String, name: String?, found: [String])
    case unrecognizedLayout(path: String, reason: String)
    case noCorpus(searched: [String])
    case invalidOption(String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or folder."
        case .isDirectory(let path):
            return "\(path): is a folder, expected a file."
        case .notADirectory(let path):
            return "\(path): is a file, expected a folder."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))."
        case .empty(let path):
            return "\(path): the file is empty."
        case .invalidUTF8(let location):
            return "\(location): the line is not valid UTF-8."
        case .lineTooLong(let location, let bytes, let limit):
            return "\(location): the line is \(bytes) bytes long, over the limit of \(limit) bytes."
        case .malformedRow(let location, let reason):
            return "\(location): \(reason)"
        case .unknownLabel(let location, let value):
            return "\(location): unknown label \"\(value.prefix(40))\"; expected 0/1, Not-Related/Related or Not_AE/Adverse_Event."
        case .missingColumn(let location, let role, let name, let found):
            let what = name.map { "no column \"\($0)\" for the \(role)" } ?? "no \(role) column"
            return "\(location): \(what) (columns found: \(found.joined(separator: ", "))). Name it with --\(role)-column, or check the delimiter."
        case .unrecognizedLayout(let path, let reason):
            return "\(path): \(reason)"
        case .noCorpus(let searched):
            return """
                No corpus found. Looked in: \(searched.joined(separator: ", ")).
                Get ADE Corpus v2 (Gurulingappa et al., J Biomed Inform 2012) in one of these forms:
                  - the original files DRUG-AE.rel and ADE-NEG.txt, put in corpora/ade-corpus-v2/;
                  - the Hugging Face dataset `ade_corpus_v2` (config `Ade_corpus_v2_classification`)
                    exported as CSV or JSONL with `text` and `label` columns, put in corpora/.
                Or point adeaug at it with --corpus PATH or the ADEAUG_CORPUS environment variable.
                """
        case .invalidOption(let message):
            return message
        }
    }
}
