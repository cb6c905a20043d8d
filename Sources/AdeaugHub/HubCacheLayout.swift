import Foundation

/// The Hugging Face cache layout, as `huggingface_hub` writes it, so either side reuses the
/// other's downloads:
///
///     models--ORG--NAME/blobs/<etag>                 the file's bytes (etag: LFS SHA-256 or git blob id)
///     models--ORG--NAME/blobs/<etag>.incomplete      a download under way, resumed from its size
///     models--ORG--NAME/snapshots/<commit>/<file>    relative symlink to ../../blobs/<etag>
///     models--ORG--NAME/refs/<revision>              the commit a branch or tag pointed to
///     models--ORG--NAME/.no_exist/<commit>/<file>    empty: the file is known to be absent
public struct HubCacheLayout: Sendable {
    public let repositoryFolder: String

    public init(cacheDirectory: String, repository: String) {
        repositoryFolder = cacheDirectory + "/models--" + repository.replacingOccurrences(of: "/", with: "--")
    }

    public func blob(_ etag: String) -> String { repositoryFolder + "/blobs/" + etag }
    public func incomplete(_ etag: String) -> String { blob(etag) + ".incomplete" }
    public func snapshot(_ commit: String) -> String { repositoryFolder + "/snapshots/" + commit }
    public func snapshotFile(_ commit: String, _ file: String) -> String { snapshot(commit) + "/" + file }
    public func ref(_ revision: String) -> String { repositoryFolder + "/refs/" + revision }
    public func noExist(_ commit: String, _ file: String) -> String { repositoryFolder + "/.no_exist/" + commit + "/" + file }
    /// `<cache>/.locks/models--ORG--NAME/<etag>.lock`: where huggingface_hub locks a blob while
    /// downloading it, so a Python process and adeaug never write the same blob at once.
    public func lock(_ etag: String) -> String {
        let folder = repositoryFolder as NSString
        return folder.deletingLastPathComponent + "/.locks/" + folder.lastPathComponent + "/" + etag + ".lock"
    }

    /// The commit `revision` resolved to last time, or the revision itself when it is a commit.
    public func commit(for reference: HubModelReference) -> String? {
        if reference.revisionIsCommit { return reference.revision }
        return (try? String(contentsOfFile: ref(reference.revision), encoding: .utf8))
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A snapshot file is cached when its link resolves (a dangling link is not a file).
    public func cached(_ commit: String, _ file: String) -> String? {
        let path = snapshotFile(commit, file)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    public func knownAbsent(_ commit: String, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: noExist(commit, file))
    }

    func writeRef(_ revision: String, commit: String) throws(HubError) {
        let path = ref(revision)
        try Self.writing(path) {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try commit.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    func markAbsent(_ commit: String, _ file: String) throws(HubError) {
        let path = noExist(commit, file)
        try Self.writing(path) {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data()) else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    /// Points `snapshots/<commit>/<file>` at the blob with a relative link, as huggingface_hub
    /// does, so the cache folder can be moved or mounted elsewhere.
    func link(_ commit: String, _ file: String, etag: String) throws(HubError) {
        let pointer = snapshotFile(commit, file)
        let depth = file.split(separator: "/").count - 1
        let target = String(repeating: "../", count: depth + 2) + "blobs/" + etag
        try Self.writing(pointer) {
            let fileManager = FileManager.default
            try fileManager.createDirectory(atPath: (pointer as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if (try? fileManager.destinationOfSymbolicLink(atPath: pointer)) != nil || fileManager.fileExists(atPath: pointer) {
                try fileManager.removeItem(atPath: pointer)
            }
            try fileManager.createSymbolicLink(atPath: pointer, withDestinationPath: target)
        }
    }

    /// Runs `body` holding an exclusive `flock` on `path` (created if needed), as the
    /// `filelock` package huggingface_hub uses does on Linux; waits for another holder.
    static func locked<T>(_ path: String, _ body: () throws(HubError) -> T) throws(HubError) -> T {
        try writing(path) {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw .filesystem(path: path, message: "cannot open the lock file (errno \(errno))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .filesystem(path: path, message: "cannot lock (errno \(errno))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    static func writing(_ path: String, _ body: () throws -> Void) throws(HubError) {
        do { try body() } catch { throw .filesystem(path: path, message: error.localizedDescription) }
    }
}
