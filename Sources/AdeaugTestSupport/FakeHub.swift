import Foundation

/// A loopback server that speaks the Hub's routes for one model repository, serving a
/// committed fixture folder: `HEAD /{repo}/resolve/{revision}/{file}` with the metadata headers
/// huggingface_hub reads (X-Repo-Commit, ETag, X-Linked-Etag, X-Linked-Size for LFS files,
/// X-Error-Code on errors) and `GET` of the same path, honouring `Range`.
public final class FakeHub: @unchecked Sendable {
    public static let commit = "0123456789abcdef0123456789abcdef01234567"
    public let repository: String
    public let files: [String: [UInt8]]
    public let log = RequestLog()
    /// When set, every request must carry `Authorization: Bearer <token>` (else 401).
    public let requiredToken: String?
    /// Served instead of the real bytes of these files (their metadata stays the real one's).
    public let corrupted: [String: [UInt8]]
    /// As huggingface.co does: LFS files answer `resolve` with a 302 to an absolute storage URL
    /// (`/lfs-storage/<sha256>` here), the metadata headers on the redirect itself.
    public let redirectsLFS: Bool
    public private(set) var server: LoopbackServer!

    public init(repository: String = "tiny-org/tiny-mlm", fixture: String = "tiny-cased-mlm", requiredToken: String? = nil, corrupted: [String: [UInt8]] = [:], redirectsLFS: Bool = false) throws {
        self.repository = repository
        let folder = Self.fixtures.appendingPathComponent(fixture).path
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "expected.json" {
            files[name] = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        }
        self.files = files
        self.requiredToken = requiredToken
        self.corrupted = corrupted
        self.redirectsLFS = redirectsLFS
        server = try LoopbackServer { [unowned self] in self.answer($0) }
    }

    deinit { server.stop() }

    /// Tests/Fixtures, from this file's place in Sources/AdeaugTestSupport.
    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures")

    public static func isLFS(_ file: String) -> Bool { file.hasSuffix(".safetensors") || file.hasSuffix(".bin") }

    /// The etag the Hub gives: an LFS file's SHA-256, else (here) a git-blob-like id.
    public func etag(_ file: String) -> String {
        let digest = SHA256.hex(SHA256.hash(files[file]!))
        return Self.isLFS(file) ? digest : String(digest.prefix(40))
    }

    private func answer(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
        log.append(request)
        if let requiredToken, request.headers["authorization"] != "Bearer \(requiredToken)" {
            return .respond(status: 401, headers: ["X-Error-Code: RepoNotFound", "X-Error-Message: Invalid credentials"], body: [])
        }
        if request.path.hasPrefix("/lfs-storage/"), let file = files.keys.first(where: { Self.isLFS($0) && request.path == "/lfs-storage/" + etag($0) }) {
            return serve(corrupted[file] ?? files[file]!, headers: [], request: request)
        }
        let prefix = "/\(repository)/resolve/"
        guard request.path.hasPrefix(prefix) else {
            return .respond(status: 401, headers: ["X-Error-Code: RepoNotFound", "X-Error-Message: Repository not found"], body: [])
        }
        let rest = request.path.dropFirst(prefix.count).split(separator: "/", maxSplits: 1).map(String.init)
        guard rest.count == 2, rest[0] == "main" || rest[0] == Self.commit else {
            return .respond(status: 404, headers: ["X-Error-Code: RevisionNotFound", "X-Error-Message: Invalid rev id"], body: [])
        }
        let file = rest[1]
        guard let bytes = files[file] else {
            return .respond(status: 404, headers: ["X-Error-Code: EntryNotFound", "X-Repo-Commit: \(Self.commit)"], body: [])
        }
        var headers = ["X-Repo-Commit: \(Self.commit)", "ETag: \"\(etag(file))\""]
        if Self.isLFS(file) { headers += ["X-Linked-Etag: \"\(etag(file))\"", "X-Linked-Size: \(bytes.count)"] }
        if redirectsLFS && Self.isLFS(file) {
            return .respond(status: 302, headers: headers + ["Location: \(server.baseURL)/lfs-storage/\(etag(file))"], body: [])
        }
        if request.method == "HEAD" { return .respond(status: 200, headers: headers, body: []) }
        return serve(corrupted[file] ?? bytes, headers: headers, request: request)
    }

    private func serve(_ body: [UInt8], headers: [String], request: LoopbackServer.Request) -> LoopbackServer.Reply {
        if request.method == "HEAD" { return .respond(status: 200, headers: headers, body: []) }
        if let range = request.headers["range"], range.hasPrefix("bytes="), let start = Int(range.dropFirst(6).dropLast()) {
            guard start < body.count else { return .respond(status: 416, headers: headers, body: []) }
            return .respond(status: 206, headers: headers + ["Content-Range: bytes \(start)-\(body.count - 1)/\(body.count)"], body: Array(body[start...]))
        }
        return .respond(status: 200, headers: headers, body: body)
    }
}
