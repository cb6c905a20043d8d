import Foundation

/// Where the shared corpora live: `$ADEAUG_SHARED`, else `../shared` beside the repository.
enum SharedData {
    static var directory: String {
        if let value = ProcessInfo.processInfo.environment["ADEAUG_SHARED"], !value.isEmpty { return value }
        let repositoryRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repositoryRoot.appendingPathComponent("../shared").standardizedFileURL.path
    }

    static var adeCorpus: String { directory + "/corpora/ade-corpus-v2" }
}
