/// A query found in a document by `adeaug scan`.
public struct ScanHit: Sendable, Hashable, Codable {
    public var queryID: String
    public var shard: String
    public var row: Int
    public var url: String?
    /// Distinct query n-grams found in the document, of `total`.
    public var matched: Int
    public var total: Int
    public var fraction: Double { total == 0 ? 0 : Double(matched) / Double(total) }

    enum CodingKeys: String, CodingKey {
        case shard, row, url, matched, total
        case queryID = "query_id"
    }
}
