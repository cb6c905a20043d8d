/// Size of a pretraining index.
public struct IndexStatistics: Sendable, Codable {
    public var documents: Int
    public var storedHashes: Int
    public var files: Int
    public var completeFiles: Int
    public var textBytes: Int
    public var gram: Int
    public var window: Int

    enum CodingKeys: String, CodingKey {
        case documents, files, gram, window
        case storedHashes = "stored_hashes"
        case completeFiles = "complete_files"
        case textBytes = "text_bytes"
    }
}
