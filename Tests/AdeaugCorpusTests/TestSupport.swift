import AdeaugTestSupport
import Foundation
import Logging
import Testing

/// Paths and helpers shared by the corpus tests.
enum TestSupport {
    static var realCorpus: String { SharedData.adeCorpus }
    static var pytorchSplit: String { SharedData.directory + "/reference/pytorch-split" }

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
}
