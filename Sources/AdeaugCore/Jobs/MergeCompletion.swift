import Foundation

/// The marker the merge of an array's parts leaves in `<output>.parts/merged.json`, for
/// `adeaug jobs` and the merge-time figure.
public struct MergeCompletion: Sendable, Codable, Equatable {
    public var parts: Int
    public var seconds: Double
    public var finishedAt: String

    public init(parts: Int, seconds: Double) {
        self.parts = parts
        self.seconds = seconds
        self.finishedAt = Timestamp.now()
    }

    public static func path(of output: String) -> String { TaskPart.folder(of: output) + "/merged.json" }

    public static func read(of output: String) -> MergeCompletion? {
        try? JSONDecoder().decode(MergeCompletion.self, from: Data(contentsOf: URL(fileURLWithPath: path(of: output))))
    }

    public func write(of output: String) throws {
        try JSONText.encode(self, pretty: true).write(toFile: Self.path(of: output), atomically: true, encoding: .utf8)
    }
}
