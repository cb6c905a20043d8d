import Foundation
import AdeaugBERT

/// Where the golden files and the checkpoint are: `<repo>/../shared` (or `$ADEAUG_SHARED`),
/// and the checkpoint folder the setup step fills.
enum Reference {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["ADEAUG_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repository.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static var minilm: URL { shared.appendingPathComponent("reference/minilm") }

    static var modelDirectory: String? { try? ModelLocator.resolve(explicit: nil) }

    static var modelAvailable: Bool { modelDirectory != nil }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: minilm.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}
