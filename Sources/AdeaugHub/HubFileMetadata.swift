import AdeaugTransport
import Foundation

/// What the Hub's `HEAD /{repo}/resolve/{revision}/{file}` says about a file: the commit the
/// revision points to, the blob's etag (for an LFS file, `X-Linked-Etag`: its SHA-256) and size.
public struct HubFileMetadata: Sendable, Hashable {
    public var commit: String
    public var etag: String
    public var size: Int64?
    /// An LFS file: `etag` is the SHA-256 of its content and is checked after download.
    public var isLFS: Bool

    init(head: HTTPResponseHead, url: String) throws(HubError) {
        guard let commit = head["x-repo-commit"], !commit.isEmpty else { throw .missingMetadata(url: url, header: "X-Repo-Commit") }
        guard let etag = (head["x-linked-etag"] ?? head["etag"]).map(Self.normalize), !etag.isEmpty else {
            throw .missingMetadata(url: url, header: "ETag")
        }
        self.commit = commit
        self.etag = etag
        isLFS = head["x-linked-etag"] != nil
        // Only an LFS file's size is checked: a HEAD answer's own Content-Length may describe a
        // redirect or an empty body rather than the file.
        size = head["x-linked-size"].flatMap { Int64($0) }
    }

    /// `W/"abc"` → `abc`: weak-etag prefix and quotes are not part of the blob name.
    static func normalize(_ etag: String) -> String {
        var value = etag.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("W/") { value.removeFirst(2) }
        return value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}
