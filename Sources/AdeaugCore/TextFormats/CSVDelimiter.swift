/// The field separator of a delimited file.
public enum CSVDelimiter: UInt8, Sendable {
    case comma = 0x2C
    case tab = 0x09

    /// Tab for `.tsv` files, comma otherwise.
    public static func forPath(_ path: String) -> CSVDelimiter {
        path.lowercased().hasSuffix(".tsv") ? .tab : .comma
    }
}
