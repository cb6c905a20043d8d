import Foundation

/// Finds the corpus when the user did not name one: the `--corpus` flag, then the
/// `ADEAUG_CORPUS` environment variable, then `corpora/` in the working folder, then
/// `../shared/corpora/ade-corpus-v2` (where a team keeps one read-only copy).
public struct CorpusLocator: Sendable {
    public static let environmentVariable = "ADEAUG_CORPUS"

    public var environment: [String: String]
    public var workingDirectory: String

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The places searched after the flag and the environment, in order.
    var defaultCandidates: [String] {
        let base = URL(fileURLWithPath: workingDirectory)
        return [
            base.appendingPathComponent("corpora/ade-corpus-v2").path,
            base.appendingPathComponent("corpora").path,
            base.appendingPathComponent("../shared/corpora/ade-corpus-v2").standardized.path,
        ]
    }

    public func locate(explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let fromEnvironment = environment[Self.environmentVariable], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        for candidate in defaultCandidates where CorpusLayout.looksLikeCorpus(folder: candidate) {
            return candidate
        }
        throw CorpusError.noCorpus(searched: ["--corpus", "$\(Self.environmentVariable)"] + defaultCandidates)
    }
}
