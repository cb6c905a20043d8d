import Foundation

/// The bytes of an input file, or of standard input, with the checks every reader needs.
public enum TextInput {
    /// What error messages call standard input.
    public static let standardInputName = "standard input"

    /// Reads `path` whole: the formats here are sentence files of a few megabytes at most, or
    /// files the caller decompresses whole anyway.
    public static func contents(of path: String) throws(TextFormatError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .isDirectory(path: path) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// `path`, or standard input when it is nil or `-`; the name to use in errors comes back too.
    public static func contentsOrStandardInput(_ path: String?) throws(TextFormatError) -> (data: Data, name: String) {
        if let path, path != "-" { return (try contents(of: path), path) }
        return (FileHandle.standardInput.readDataToEndOfFile(), standardInputName)
    }
}
