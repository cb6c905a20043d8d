import Foundation

/// Where the shared corpora and reference files live: `$ADEAUG_SHARED`, else `../shared` beside
/// the repository (CI lays a copy there).
public enum SharedData {
    public static var directory: String {
        if let value = ProcessInfo.processInfo.environment["ADEAUG_SHARED"], !value.isEmpty { return value }
        let repositoryRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repositoryRoot.appendingPathComponent("../shared").standardizedFileURL.path
    }

    public static var adeCorpus: String { directory + "/corpora/ade-corpus-v2" }
}
