import AdeaugCore
import AdeaugTransport
import Foundation

/// One repository's files asked of the Hub: `HEAD` for a file's metadata, then its blob
/// downloaded into the cache (resumed from `.incomplete`, LFS files checked against their
/// SHA-256) and linked into the snapshot, as `hf_hub_download` does.
struct HubFileDownloader {
    let environment: HubEnvironment
    let reference: HubModelReference
    let layout: HubCacheLayout
    let transfer: CurlFileTransfer
    let progress: HubDownloadProgress
    var retry = RetryPolicy()

    init(environment: HubEnvironment, reference: HubModelReference, progress: HubDownloadProgress) throws(HubError) {
        self.environment = environment
        self.reference = reference
        layout = HubCacheLayout(cacheDirectory: environment.cacheDirectory, repository: reference.repository)
        do { transfer = try CurlFileTransfer() } catch { throw .client(error) }
        self.progress = progress
    }

    private var authentication: RequestAuthentication { environment.token.map { .bearer(token: $0) } ?? .none }

    func url(revision: String, file: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let encodedRevision = revision.addingPercentEncoding(withAllowedCharacters: allowed) ?? revision
        let encodedFile = file.split(separator: "/").map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
        return "\(environment.endpoint)/\(reference.repository)/resolve/\(encodedRevision)/\(encodedFile)"
    }

    /// The file's metadata, or nil when the repository has no such file at `revision` (then
    /// `.no_exist` records it under the commit the Hub named, when it named one).
    func metadata(_ file: String, revision: String) throws(HubError) -> HubFileMetadata? {
        var address = url(revision: revision, file: file)
        var outcome = try attempt { () throws(HubError) in try head(address) }
        // A renamed repository answers with a relative redirect to its new name; an LFS file's
        // absolute redirect (to its storage) carries the metadata itself.
        var hops = 0
        while (300..<400).contains(outcome.head.status), let location = outcome.head["location"], location.hasPrefix("/"), hops < 5 {
            address = environment.endpoint + location
            outcome = try attempt { () throws(HubError) in try head(address) }
            hops += 1
        }
        if outcome.head.status == 404 && (outcome.head["x-error-code"] ?? "EntryNotFound") == "EntryNotFound" {
            if let commit = outcome.head["x-repo-commit"] { try layout.markAbsent(commit, file) }
            return nil
        }
        try check(outcome, url: address)
        return try HubFileMetadata(head: outcome.head, url: address)
    }

    /// The blob for `metadata` in the cache (downloaded unless already there), linked as
    /// `snapshots/<commit>/<file>`.
    func fetch(_ file: String, metadata: HubFileMetadata) throws(HubError) -> String {
        let blob = layout.blob(metadata.etag)
        if !FileManager.default.fileExists(atPath: blob) {
            try HubCacheLayout.locked(layout.lock(metadata.etag)) { () throws(HubError) in
                // Another process may have finished the blob while this one waited for the lock.
                if !FileManager.default.fileExists(atPath: blob) { try download(file, metadata: metadata, to: blob) }
            }
        }
        try layout.link(metadata.commit, file, etag: metadata.etag)
        return layout.snapshotFile(metadata.commit, file)
    }

    private func download(_ file: String, metadata: HubFileMetadata, to blob: String) throws(HubError) {
        let partial = layout.incomplete(metadata.etag)
        try HubCacheLayout.writing(partial) {
            try FileManager.default.createDirectory(atPath: (blob as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: partial), !FileManager.default.createFile(atPath: partial, contents: nil) {
                throw CocoaError(.fileWriteUnknown)
            }
        }
        let address = url(revision: metadata.commit, file: file)
        var random = SeededRandom(seed: UInt64(truncatingIfNeeded: metadata.etag.hashValue))
        var attempts = 0
        while true {
            attempts += 1
            let offset = Self.size(of: partial)
            if let expected = metadata.size, offset == expected { break }
            guard let handle = FileHandle(forUpdatingAtPath: partial) else { throw .filesystem(path: partial, message: "cannot open for writing") }
            progress.start(file: file, total: metadata.size, resumedAt: offset)
            let outcome: CurlFileTransfer.Outcome
            do {
                outcome = try transfer.download(url: address, authentication: authentication, into: handle, from: offset) { progress.update($0) }
            } catch {
                try? handle.close()
                throw .client(error)
            }
            try? handle.close()
            progress.finish()
            if let failure = outcome.transportError {
                // What arrived stays in `.incomplete`; the next attempt (or run) asks for the rest.
                guard retry.mayRetry(afterAttempt: attempts) else { throw .network(url: address, failure) }
                Thread.sleep(forTimeInterval: retry.delay(afterAttempt: attempts, retryAfterSeconds: nil, random: &random))
                continue
            }
            if outcome.head.status == 416 && attempts < 2 {
                // The range lies past the file: what is cached is not a prefix of it; start over.
                try HubCacheLayout.writing(partial) { try FileHandle(forWritingAtPath: partial)?.truncate(atOffset: 0) }
                continue
            }
            try check(outcome, url: address)
            break
        }
        try verify(file, metadata: metadata, partial: partial)
        try HubCacheLayout.writing(blob) { try FileManager.default.moveItem(atPath: partial, toPath: blob) }
    }

    /// Size against the Hub's, and an LFS file's SHA-256 against its etag; a bad file is removed.
    private func verify(_ file: String, metadata: HubFileMetadata, partial: String) throws(HubError) {
        let size = Self.size(of: partial)
        if let expected = metadata.size, size != expected {
            try? FileManager.default.removeItem(atPath: partial)
            throw .sizeMismatch(file: file, expected: expected, actual: size)
        }
        guard metadata.isLFS else { return }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: partial), options: .alwaysMapped) } catch {
            throw .filesystem(path: partial, message: error.localizedDescription)
        }
        let actual = SHA256Digest.hex(data)
        guard actual == metadata.etag.lowercased() else {
            try? FileManager.default.removeItem(atPath: partial)
            throw .checksumMismatch(file: file, expected: metadata.etag, actual: actual)
        }
    }

    private func head(_ address: String) throws(HubError) -> CurlFileTransfer.Outcome {
        do { return try transfer.head(url: address, authentication: authentication) } catch { throw .client(error) }
    }

    /// Retries a request that failed below HTTP (refused, reset, timed out) with backoff.
    private func attempt(_ body: () throws(HubError) -> CurlFileTransfer.Outcome) throws(HubError) -> CurlFileTransfer.Outcome {
        var random = SeededRandom(seed: 16)
        var attempts = 0
        while true {
            attempts += 1
            let outcome = try body()
            guard let failure = outcome.transportError else { return outcome }
            guard retry.mayRetry(afterAttempt: attempts) else { throw .network(url: environment.endpoint, failure) }
            Thread.sleep(forTimeInterval: retry.delay(afterAttempt: attempts, retryAfterSeconds: nil, random: &random))
        }
    }

    /// Maps the Hub's error answers (status and `X-Error-Code`) onto what the user can do.
    private func check(_ outcome: CurlFileTransfer.Outcome, url address: String) throws(HubError) {
        let head = outcome.head
        let status = head.status
        if (200..<400).contains(status) { return }
        let code = head["x-error-code"]
        switch (status, code) {
        case (401, _): throw .unauthorized(repository: reference.repository, tokenSent: environment.token != nil)
        case (403, _): throw .gated(repository: reference.repository)
        case (404, "RepoNotFound"): throw .repositoryNotFound(repository: reference.repository)
        case (404, "RevisionNotFound"): throw .revisionNotFound(repository: reference.repository, revision: reference.revision)
        default:
            let message = head["x-error-message"] ?? String(decoding: outcome.errorBody.prefix(300), as: UTF8.self)
            throw .unexpectedStatus(url: address, status: status, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
