import AdeaugCore
import Foundation
import Logging
import Testing

/// Paths and helpers shared by the corpus tests.
enum TestSupport {
    /// The repository root, from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the checkout (CI lays a copy there), or `$ADEAUG_SHARED`.
    static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["ADEAUG_SHARED"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent("../shared").standardized
    }

    static var realCorpus: String { shared.appendingPathComponent("corpora/ade-corpus-v2").path }
    static var pytorchSplit: String { shared.appendingPathComponent("reference/pytorch-split").path }

    static let logger = Logger(label: "adeaug-tests") { _ in SwiftLogNoOpLogHandler() }

    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func write(_ content: String, to url: URL) throws -> String {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
        return url.path
    }

    @discardableResult
    static func write(bytes: [UInt8], to url: URL) throws -> String {
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The `adeaug` executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("adeaug")
    }
}
